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

/** The operations endpoint's TLS server context, from {@code operations.tls}'s PEM files. */
final class ServerTls {

    private static final char[] NO_PASSWORD = new char[0];
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private ServerTls() {
    }

    /** The server's certificate and key and, when clients must authenticate, the CAs their certificates come from. */
    static SSLContext context(OperationsSettings.Tls tls) throws OperationsConfigException {
        List<Certificate> chain = certificates(tls.certificate(), "operations.tls.cert.file");
        if (chain.isEmpty()) {
            throw new OperationsConfigException("operations.tls.cert.file " + tls.certificate()
                    + " holds no certificate", null);
        }
        PrivateKey key = privateKey(tls.privateKey(), chain.get(0));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, NO_PASSWORD);
            TrustManagerFactory trustManagers = null;
            if (tls.clientAuthRequired()) {
                KeyStore roots = KeyStore.getInstance("PKCS12");
                roots.load(null, null);
                int n = 0;
                for (Path file : tls.clientRootCAs()) {
                    for (Certificate root : certificates(file, "operations.tls.clientRootCAs.files")) {
                        roots.setCertificateEntry("client-root-" + n++, root);
                    }
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(roots);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new OperationsConfigException("operations.tls: cannot set up the TLS server: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file, String setting) throws OperationsConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | GeneralSecurityException e) {
            throw new OperationsConfigException(setting + " " + file + ": cannot read PEM certificates: "
                    + e.getMessage(), e);
        }
    }

    /** A PKCS #8 PEM key (what Fabric's cryptogen and Weft's crypto generator write), of the certificate's type. */
    private static PrivateKey privateKey(Path file, Certificate certificate) throws OperationsConfigException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new OperationsConfigException("operations.tls.key.file " + file + ": cannot read it: "
                    + e.getMessage(), e);
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new OperationsConfigException("operations.tls.key.file " + file + ": expected a PKCS #8 key ("
                    + PKCS8_BEGIN + "); convert others with 'openssl pkcs8 -topk8 -nocrypt'", null);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
            String algorithm = certificate.getPublicKey().getAlgorithm();
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OperationsConfigException("operations.tls.key.file " + file + ": not a private key for the "
                    + "certificate's " + certificate.getPublicKey().getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }
}
