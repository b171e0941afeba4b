package weft.runtime.network.internal;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The SHA-256 hash of the TLS client certificate a call came with, as Fabric computes it for binding deliver
 * requests to their connection ({@code ChannelHeader.tls_cert_hash}): an interceptor puts it in the call's
 * context, where the services read it.
 */
public final class ClientCertificates implements ServerInterceptor {

    private static final Context.Key<byte[]> HASH = Context.key("weft.tls.client.certificate.sha256");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        byte[] hash = session == null ? null : hash(session);
        if (hash == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(HASH, hash), call, headers, next);
    }

    /** The hash of the current call's client certificate, when it came with one. */
    static Optional<byte[]> current() {
        return Optional.ofNullable(HASH.get());
    }

    private static byte[] hash(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length == 0 ? null : MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        } catch (SSLPeerUnverifiedException e) {
            return null; // the client sent no certificate
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the client's TLS certificate: " + e.getMessage(), e);
        }
    }
}
