package weft.plugins.anon.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import weft.plugins.anon.crypto.Ecdsa;
import weft.plugins.anon.crypto.EndorserField;
import weft.plugins.anon.crypto.Lsag;
import weft.plugins.anon.crypto.P256;
import weft.plugins.anon.crypto.Ring;

/**
 * Sign and verify time of anonymous endorsements for ring sizes 8, 32 and 128, against the raw ECDSA P-256
 * verification (Bouncy Castle, cached key) measured in the same run. Ring times include what the plugins do per
 * endorsement: the hash to the curve of the link-tag base, the key image, the ring equation. Single-threaded.
 * Run: {@code mvn -B -q -o test-compile exec:java@anon-benchmark -pl plugins-anon/anon}
 * (optionally {@code -Dexec.args="<seconds per measurement>"}).
 */
public final class AnonBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AnonBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        byte[] payload = new byte[1200];
        RANDOM.nextBytes(payload);

        BigInteger d = P256.randomScalar(RANDOM);
        ECPublicKeyParameters key = Ecdsa.publicKey(P256.multiplyG(d));
        byte[] endorser = EndorserField.plain(key.getQ());
        byte[] message = concat(payload, endorser);
        byte[] signature = Ecdsa.sign(d, message);
        double ecdsaVerify = measure(seconds, () -> check(Ecdsa.verify(key, message, signature)));
        double ecdsaSign = measure(seconds, () -> Ecdsa.sign(d, message));
        System.out.printf(Locale.ROOT, "baseline ECDSA P-256 (plain mode): sign %.3f ms, verify %.3f ms (%.0f/s)%n",
                ecdsaSign, ecdsaVerify, 1000 / ecdsaVerify);
        System.out.printf(Locale.ROOT, "%-6s %12s %12s %16s %20s%n", "ring", "sign ms", "verify ms",
                "verify/ECDSA", "verify/(n x ECDSA)");
        for (int n : new int[] {8, 32, 128}) {
            List<BigInteger> secrets = new ArrayList<>();
            List<ECPoint> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BigInteger x = P256.randomScalar(RANDOM);
                secrets.add(x);
                keys.add(P256.multiplyG(x));
            }
            Ring ring = Ring.of(keys);
            int signer = n / 3;
            BigInteger x = secrets.get(signer);
            byte[][] last = new byte[2][];
            double sign = measure(seconds, () -> {
                ECPoint base = Lsag.linkBase(ring.digest(), payload);
                ECPoint image = Lsag.keyImage(x, base);
                byte[] field = EndorserField.ring(ring.digest(), image);
                last[0] = field;
                last[1] = Lsag.sign(ring, signer, x, base, image, concat(payload, field), RANDOM);
            });
            byte[] field = last[0];
            byte[] ringSignature = last[1];
            byte[] ringMessage = concat(payload, field);
            double verify = measure(seconds, () -> {
                ECPoint base = Lsag.linkBase(ring.digest(), payload);
                check(Lsag.verify(ring, base, EndorserField.linkTag(field), ringMessage, ringSignature));
            });
            System.out.printf(Locale.ROOT, "%-6d %12.3f %12.3f %16.1f %20.2f%n", n, sign, verify,
                    verify / ecdsaVerify, verify / (n * ecdsaVerify));
        }
    }

    /** Milliseconds per call of {@code task}: a warm-up of a third of the time, then as many calls as fit. */
    private static double measure(double seconds, Runnable task) {
        long warmUpEnd = System.nanoTime() + (long) (seconds * 1e9 / 3);
        while (System.nanoTime() < warmUpEnd) {
            task.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            task.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e6 / calls;
    }

    private static void check(boolean valid) {
        if (!valid) {
            throw new IllegalStateException("a signature the benchmark made does not verify");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
