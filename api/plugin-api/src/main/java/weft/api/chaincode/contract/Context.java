package weft.api.chaincode.contract;

import org.osgi.annotation.versioning.ProviderType;
import weft.api.chaincode.ChaincodeStub;

/** What a transaction function is called with before its own arguments: the stub and the client's identity. */
@ProviderType
public interface Context {

    /** The stub of this invocation: state access, arguments, transaction id. */
    ChaincodeStub stub();

    /** The client who signed the proposal. */
    ClientIdentity clientIdentity();
}
