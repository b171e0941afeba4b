package weft.chaincode.testing;

import java.util.Objects;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.contract.ClientIdentity;
import weft.api.chaincode.contract.Context;

/**
 * The {@link Context} a contract's transaction function receives, over any stub. The client identity is read
 * from the stub's creator the first time it is asked for, so a function that never looks at it also runs with a
 * creator that is not a valid identity.
 * <pre>{@code
 * Asset asset = new AssetTransfer().ReadAsset(TestContext.of(ledger.newTransaction(alice, "ReadAsset")), "asset1");
 * }</pre>
 */
public final class TestContext implements Context {

    private final ChaincodeStub stub;
    private ClientIdentity clientIdentity;

    private TestContext(ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    public static TestContext of(ChaincodeStub stub) {
        return new TestContext(stub);
    }

    @Override
    public ChaincodeStub stub() {
        return stub;
    }

    /** @throws weft.api.chaincode.ChaincodeException when the creator is not a serialized X.509 identity */
    @Override
    public ClientIdentity clientIdentity() {
        if (clientIdentity == null) {
            clientIdentity = TestClientIdentity.fromCreator(stub.creator());
        }
        return clientIdentity;
    }
}
