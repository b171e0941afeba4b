package weft.plugins.anon;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import weft.api.endorsement.EndorsementPlugin;
import weft.plugins.anon.crypto.AnonymousParameter;
import weft.plugins.anon.crypto.Keys;
import weft.plugins.anon.crypto.P256;

/** Test fixture: endorser key files in a directory, the parameter listing them, and plugins that use them. */
final class Endorsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    final Path directory;
    final List<BigInteger> secrets = new ArrayList<>();
    final List<ECPoint> keys = new ArrayList<>();

    Endorsers(Path directory, int count) throws IOException {
        this.directory = Files.createDirectories(directory);
        for (int i = 0; i < count; i++) {
            BigInteger d = P256.randomScalar(RANDOM);
            secrets.add(d);
            keys.add(P256.multiplyG(d));
            Files.writeString(keyFile(i), Keys.encodePrivateKeyPem(d), StandardCharsets.US_ASCII);
        }
    }

    Path keyFile(int i) {
        return directory.resolve("endorser-" + i + ".pem");
    }

    /** The parameter text over all keys. */
    byte[] parameter(AnonymousParameter.Mode mode, int threshold) {
        return AnonymousParameter.format(mode, threshold, keys).getBytes(StandardCharsets.UTF_8);
    }

    /** An initialised endorsement plugin signing with key {@code i}; ring mode reads {@code parameter}. */
    EndorsementPlugin plugin(int i, byte[] parameter) throws Exception {
        Optional<Path> parameterFile = Optional.empty();
        if (parameter != null) {
            Path file = directory.resolve("parameter-" + i + "-" + System.nanoTime() + ".txt");
            Files.write(file, parameter);
            parameterFile = Optional.of(file);
        }
        EndorsementPlugin plugin = new AnonymousEndorsementFactory(new EndorserKeyFiles(keyFile(i), parameterFile))
                .newPlugin();
        plugin.init();
        return plugin;
    }
}
