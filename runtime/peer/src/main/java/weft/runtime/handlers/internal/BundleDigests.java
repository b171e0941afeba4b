package weft.runtime.handlers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;

/**
 * SHA-256 digests of plugin bundles' jars, computed once per bundle revision (a bundle's id and its last
 * modification, which an update changes) rather than per use. The jar is read from the bundle's location, which
 * is where the peer installed it from; a bundle installed from elsewhere gets an empty digest (unknown).
 */
final class BundleDigests {

    private static final System.Logger LOG = System.getLogger(BundleDigests.class.getName());

    private record Revision(long bundleId, long lastModified) {
    }

    private final Map<Revision, String> digests = new ConcurrentHashMap<>();

    /** The digest of {@code bundle}'s jar in lower-case hex, or empty when its location is not a readable file. */
    String sha256(Bundle bundle) {
        return digests.computeIfAbsent(new Revision(bundle.getBundleId(), bundle.getLastModified()),
                revision -> compute(bundle));
    }

    private static String compute(Bundle bundle) {
        Path jar;
        try {
            String location = bundle.getLocation();
            if (location.startsWith("reference:")) {
                location = location.substring("reference:".length());
            }
            jar = Path.of(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return "";
        }
        if (!Files.isRegularFile(jar)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read " + jar + " to digest bundle "
                    + bundle.getSymbolicName() + ": " + e.getMessage());
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
