package weft.runtime.network.internal;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.network.OrganizationEndorsers;

/**
 * Another organisation's peer as the gateway reaches it: its {@code protos.Endorser} service over gRPC. When that
 * peer runs in this process (the development network), the gateway also sees its ledger height, so that it can
 * wait for the peer to catch up rather than collect endorsements simulated on different states.
 */
final class RemoteEndorser implements OrganizationEndorsers, AutoCloseable {

    private static final long DEADLINE_SECONDS = 30;

    private final String mspId;
    private final String address;
    private final ManagedChannel channel;
    private final ChannelGateway sameProcess;

    RemoteEndorser(String mspId, String address, ManagedChannel channel, ChannelGateway sameProcess) {
        this.mspId = mspId;
        this.address = address;
        this.channel = channel;
        this.sameProcess = sameProcess;
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public ProposalResponse processProposal(SignedProposal proposal) throws IOException {
        try {
            return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .processProposal(proposal);
        } catch (StatusRuntimeException e) {
            throw new IOException("the endorser at " + address + " (" + mspId + ") did not answer: " + e.getStatus(), e);
        }
    }

    @Override
    public long height(String channelId) {
        return sameProcess == null ? -1 : sameProcess.height(channelId);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
