package weft.runtime.endorser.internal;

import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.contract.ClientIdentity;
import weft.api.chaincode.contract.Context;

/** The context a transaction function receives: the invocation's stub and its client. */
public final class ContractContext implements Context {

    private final ChaincodeStub stub;
    private final ClientIdentity client;

    public ContractContext(ChaincodeStub stub) {
        this.stub = stub;
        this.client = new X509ClientIdentity(stub.creator());
    }

    @Override
    public ChaincodeStub stub() {
        return stub;
    }

    @Override
    public ClientIdentity clientIdentity() {
        return client;
    }
}
