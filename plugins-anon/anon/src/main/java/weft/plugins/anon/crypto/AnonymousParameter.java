package weft.plugins.anon.crypto;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The anonymous endorsement policy a chaincode definition carries as its validation parameter: the mode, the
 * allow list of endorser keys and how many distinct endorsers must sign. Its text form (UTF-8):
 * <pre>
 * weft-anon 1
 * mode ring
 * threshold 2
 * key MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...
 * key MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...
 * </pre>
 * The first line is the format and its version; {@code mode} is {@code plain} or {@code ring}; each {@code key}
 * is the standard Base64 of an X.509 SubjectPublicKeyInfo DER of a P-256 key. Blank lines and lines starting
 * with {@code #} are ignored. Keys must be distinct; their order defines the ring.
 *
 * @param mode      how endorsers sign
 * @param threshold the number of distinct endorsers required, 1 to the number of keys
 * @param keys      the allow list, decoded, in the order written
 * @param ring      the keys as a ring (its digest identifies the list)
 */
public record AnonymousParameter(Mode mode, int threshold, List<ECPoint> keys, Ring ring) {

    /** The first line of the text form. */
    public static final String HEADER = "weft-anon 1";
    /** The most keys a parameter may list: bounds the work of verifying one ring signature. */
    public static final int MAX_KEYS = 1024;

    /** How endorsers sign. */
    public enum Mode {
        /** The endorser field carries the public key; the signature is ECDSA. */
        PLAIN,
        /** The endorser field carries the ring digest and a link tag; the signature is an LSAG ring signature. */
        RING
    }

    public AnonymousParameter {
        keys = List.copyOf(keys);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static AnonymousParameter parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the anonymous endorsement parameter is not UTF-8 text (is the "
                    + "chaincode definition's validation parameter a Fabric policy instead?)", e);
        }
        Mode mode = null;
        Integer threshold = null;
        List<ECPoint> keys = new ArrayList<>();
        Set<ECPoint> seen = new HashSet<>();
        boolean headerSeen = false;
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + number + " of the anonymous endorsement parameter";
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(where + " must be '" + HEADER + "', not '" + abbreviate(line) + "'");
                }
                headerSeen = true;
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + " must be '<field> <value>': '" + abbreviate(line) + "'");
            }
            switch (parts[0]) {
                case "mode" -> {
                    if (mode != null) {
                        throw new IllegalArgumentException(where + " repeats 'mode'");
                    }
                    mode = switch (parts[1]) {
                        case "plain" -> Mode.PLAIN;
                        case "ring" -> Mode.RING;
                        default -> throw new IllegalArgumentException(where + ": mode must be 'plain' or 'ring', not '"
                                + abbreviate(parts[1]) + "'");
                    };
                }
                case "threshold" -> {
                    if (threshold != null) {
                        throw new IllegalArgumentException(where + " repeats 'threshold'");
                    }
                    if (!parts[1].matches("[1-9][0-9]{0,3}")) {
                        throw new IllegalArgumentException(where + ": threshold must be a positive number, not '"
                                + abbreviate(parts[1]) + "'");
                    }
                    threshold = Integer.parseInt(parts[1]);
                }
                case "key" -> {
                    byte[] der;
                    try {
                        der = Base64.getDecoder().decode(parts[1]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": the key is not Base64", e);
                    }
                    ECPoint key = Keys.decodePublicKey(der, "the key on " + where);
                    if (!seen.add(key)) {
                        throw new IllegalArgumentException(where + " lists a key already listed");
                    }
                    keys.add(key);
                    if (keys.size() > MAX_KEYS) {
                        throw new IllegalArgumentException("the anonymous endorsement parameter lists more than "
                                + MAX_KEYS + " keys");
                    }
                }
                default -> throw new IllegalArgumentException(where + ": unknown field '" + abbreviate(parts[0])
                        + "' (expected mode, threshold or key)");
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("the anonymous endorsement parameter is empty");
        }
        if (mode == null || threshold == null || keys.isEmpty()) {
            throw new IllegalArgumentException("the anonymous endorsement parameter needs a mode, a threshold and "
                    + "at least one key");
        }
        if (mode == Mode.RING && keys.size() < 2) {
            throw new IllegalArgumentException("a ring needs at least 2 keys to hide its signer; this one has "
                    + keys.size());
        }
        if (threshold > keys.size()) {
            throw new IllegalArgumentException("threshold " + threshold + " exceeds the " + keys.size()
                    + " keys listed");
        }
        return new AnonymousParameter(mode, threshold, keys, Ring.of(keys));
    }

    /** The text form of a parameter: what {@link #parse} reads. */
    public static String format(Mode mode, int threshold, List<ECPoint> keys) {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("mode ").append(mode.name().toLowerCase(Locale.ROOT)).append('\n')
                .append("threshold ").append(threshold).append('\n');
        for (ECPoint key : keys) {
            text.append("key ").append(Base64.getEncoder().encodeToString(Keys.encodePublicKey(key))).append('\n');
        }
        return text.toString();
    }

    /** The position of {@code key} in the list, or -1. */
    public int indexOf(ECPoint key) {
        return keys.indexOf(key.normalize());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
