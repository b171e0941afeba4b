package weft.runtime.network.internal;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.runtime.channel.ChannelGateway;
import weft.runtime.network.OrganizationEndorsers;

/** This node's own peer as its organisation's endorser: the gateway reaches it in process. */
record LocalEndorser(ChannelGateway gateway, String mspId, String address) implements OrganizationEndorsers {

    @Override
    public ProposalResponse processProposal(SignedProposal proposal) {
        return gateway.endorse(proposal);
    }
}
