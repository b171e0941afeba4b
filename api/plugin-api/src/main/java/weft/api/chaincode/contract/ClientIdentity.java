package weft.api.chaincode.contract;

import java.security.cert.X509Certificate;
import org.osgi.annotation.versioning.ProviderType;

/** The client who signed the proposal, for access decisions in chaincode. */
@ProviderType
public interface ClientIdentity {

    /** The MSP the client belongs to, e.g. {@code Org1MSP}. */
    String mspId();

    /** The client's certificate. */
    X509Certificate certificate();

    /**
     * A stable id for the client: {@code x509::<subject DN>::<issuer DN>}, as Fabric's client identity gives, with
     * both names in RFC 2253 form ({@code X500Principal.getName()}: most specific attribute first, e.g.
     * {@code CN=User1,OU=client,O=Org1}).
     */
    String id();
}
