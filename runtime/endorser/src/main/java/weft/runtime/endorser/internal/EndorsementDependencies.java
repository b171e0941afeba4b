package weft.runtime.endorser.internal;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.SigningIdentity;
import weft.api.endorsement.SigningIdentityFetcher;
import weft.api.endorsement.State;
import weft.api.endorsement.StateFetcher;
import weft.api.plugin.Dependency;
import weft.runtime.endorser.simulation.PrivateDataSource;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.LedgerSnapshot;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * What an endorsement plugin is initialised with on a channel, in Fabric's order: a state fetcher over the
 * channel's committed state, and the fetcher of the peer's signing identity.
 */
public final class EndorsementDependencies {

    private EndorsementDependencies() {
    }

    public static Dependency[] of(ChannelLedger ledger, PrivateDataSource privateData, SigningIdentity peer) {
        return new Dependency[] {new LedgerStateFetcher(ledger, privateData), new PeerIdentity(peer)};
    }

    /** The peer's own identity for every proposal, as Fabric's built-in fetcher gives. */
    private record PeerIdentity(SigningIdentity identity) implements SigningIdentityFetcher {
        @Override
        public SigningIdentity signingIdentityForRequest(SignedProposal proposal) {
            return identity;
        }
    }

    private record LedgerStateFetcher(ChannelLedger ledger, PrivateDataSource privateData) implements StateFetcher {
        @Override
        public State fetchState() throws EndorsementException {
            try {
                return new SnapshotState(ledger.snapshot(), privateData);
            } catch (LedgerException e) {
                throw new EndorsementException("cannot read the state of channel " + ledger.channelId() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private record SnapshotState(LedgerSnapshot snapshot, PrivateDataSource privateData) implements State {
        @Override
        public Map<String, ByteString> getStateMultipleKeys(String namespace, List<String> keys)
                throws EndorsementException {
            Map<String, ByteString> values = new LinkedHashMap<>();
            try {
                for (String key : keys) {
                    Optional<VersionedValue> value = snapshot.state().get(namespace, key);
                    value.ifPresent(v -> values.put(key, v.value()));
                }
            } catch (LedgerStoreException e) {
                throw new EndorsementException("cannot read state of " + namespace + ": " + e.getMessage(), e);
            }
            return values;
        }

        @Override
        public Map<String, ByteString> getPrivateDataMultipleKeys(String namespace, String collection,
                                                                  List<String> keys) {
            Map<String, ByteString> values = new LinkedHashMap<>();
            for (String key : keys) {
                privateData.value(namespace, collection, key).ifPresent(v -> values.put(key, v));
            }
            return values;
        }

        /** Weft keeps no transient store yet: no proposal's private write set is held for later. */
        @Override
        public List<TxPvtReadWriteSet> getTransientByTxId(String txId) {
            return List.of();
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }
}
