package weft.runtime.network.internal;

import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.runtime.channel.ChannelGateway;

/**
 * The peer's {@code protos.Endorser} service. As Fabric's endorser, every refusal (a proposal that does not parse,
 * an unknown channel or chaincode, a creator who may not write, a failed simulation) is a response with status 500
 * and a message rather than a gRPC error.
 */
final class EndorserService extends EndorserGrpc.EndorserImplBase {

    private final ChannelGateway gateway;

    EndorserService(ChannelGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void processProposal(SignedProposal proposal, StreamObserver<ProposalResponse> out) {
        out.onNext(gateway.endorse(proposal));
        out.onCompleted();
    }
}
