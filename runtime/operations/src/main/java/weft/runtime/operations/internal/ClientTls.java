package weft.runtime.operations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import weft.launcher.spi.ToolException;

/** The TLS context {@code weft-peer plugin} connects with: the endpoint's CA and, if required, a client certificate. */
final class ClientTls {

    private static final char[] NO_PASSWORD = new char[0];
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private ClientTls() {
    }

    /**
     * @param caFile   PEM certificates the server's certificate must chain to
     * @param certFile the client's PEM certificate (chain), or null for none
     * @param keyFile  its PKCS #8 PEM key
     */
    static SSLContext context(Path caFile, Path certFile, Path keyFile) throws ToolException {
        try {
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            int n = 0;
            for (Certificate root : certificates(caFile, "--cafile")) {
                roots.setCertificateEntry("ca-" + n++, root);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            KeyManagerFactory keys = null;
            if (certFile != null) {
                if (keyFile == null) {
                    throw new ToolException("--certfile needs --keyfile (the client certificate's private key)");
                }
                List<Certificate> chain = certificates(certFile, "--certfile");
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey(keyFile, chain.get(0)), NO_PASSWORD,
                        chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ToolException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file, String option) throws ToolException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new ToolException(option + " " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new ToolException(option + " " + file + ": cannot read PEM certificates: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file, Certificate certificate) throws ToolException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ToolException("--keyfile " + file + ": cannot read it: " + e.getMessage(), e);
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new ToolException("--keyfile " + file + ": expected a PKCS #8 key (" + PKCS8_BEGIN
                    + "); convert others with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
            return KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ToolException("--keyfile " + file + ": not a private key for the certificate: " + e.getMessage(), e);
        }
    }
}
