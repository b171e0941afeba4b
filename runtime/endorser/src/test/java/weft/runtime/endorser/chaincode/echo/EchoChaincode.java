package weft.runtime.endorser.chaincode.echo;

import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.Response;

/** Answers every invocation with its bundle's {@code Chaincode-Answer} header. */
public final class EchoChaincode implements Chaincode {

    private final String answer;

    public EchoChaincode(String answer) {
        this.answer = answer;
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        return Response.success(answer);
    }
}
