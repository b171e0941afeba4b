package weft.runtime.endorser.internal;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import weft.runtime.ledger.block.Sha256;
import weft.api.endorsement.EndorsementException;
import weft.api.endorsement.SigningIdentity;
import weft.api.endorsement.SigningIdentityFetcher;
import weft.api.endorsement.State;
import weft.api.endorsement.StateFetcher;
import weft.api.plugin.Dependency;
import weft.runtime.ledger.ChannelLedger;
import weft.runtime.ledger.LedgerException;
import weft.runtime.ledger.LedgerSnapshot;
import weft.runtime.ledger.pvtdata.TransientEntry;
import weft.runtime.ledger.state.HashedState;
import weft.runtime.ledger.state.PrivateState;
import weft.runtime.ledger.state.VersionedValue;
import weft.runtime.ledger.store.LedgerStoreException;

/**
 * What an endorsement plugin is initialised with on a channel, in Fabric's order: a state fetcher over the
 * channel's committed state, and the fetcher of the peer's signing identity.
 */
public final class EndorsementDependencies {

    private EndorsementDependencies() {
    }

    public static Dependency[] of(ChannelLedger ledger, SigningIdentity peer) {
        return new Dependency[] {new LedgerStateFetcher(ledger), new PeerIdentity(peer)};
    }

    /** The peer's own identity for every proposal, as Fabric's built-in fetcher gives. */
    private record PeerIdentity(SigningIdentity identity) implements SigningIdentityFetcher {
        @Override
        public SigningIdentity signingIdentityForRequest(SignedProposal proposal) {
            return identity;
        }
    }

    private record LedgerStateFetcher(ChannelLedger ledger) implements StateFetcher {
        @Override
        public State fetchState() throws EndorsementException {
            try {
                return new SnapshotState(ledger, ledger.snapshot());
            } catch (LedgerException e) {
                throw new EndorsementException("cannot read the state of channel " + ledger.channelId() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private record SnapshotState(ChannelLedger ledger, LedgerSnapshot snapshot) implements State {
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

        /** The clear values this peer holds (as a member of the collection) and that are current; others absent. */
        @Override
        public Map<String, ByteString> getPrivateDataMultipleKeys(String namespace, String collection,
                                                                  List<String> keys) throws EndorsementException {
            Map<String, ByteString> values = new LinkedHashMap<>();
            try {
                if (!snapshot.isCollectionMember(namespace, collection)) {
                    return values;
                }
                for (String key : keys) {
                    Optional<VersionedValue> hashed = snapshot.state().get(HashedState.namespace(namespace, collection),
                            HashedState.key(Sha256.ofKey(key)));
                    Optional<VersionedValue> value = snapshot.state().get(PrivateState.namespace(namespace, collection), key);
                    if (hashed.isPresent() && value.isPresent() && value.get().version().equals(hashed.get().version())) {
                        values.put(key, value.get().value());
                    }
                }
            } catch (LedgerException | LedgerStoreException e) {
                throw new EndorsementException("cannot read private data of " + namespace + "/" + collection + ": "
                        + e.getMessage(), e);
            }
            return values;
        }

        /** The private write sets this peer's endorser left in the transient store for {@code txId}. */
        @Override
        public List<TxPvtReadWriteSet> getTransientByTxId(String txId) throws EndorsementException {
            try {
                List<TxPvtReadWriteSet> sets = new ArrayList<>();
                for (TransientEntry entry : ledger.transientStore().entries(txId)) {
                    sets.add(entry.privateWrites());
                }
                return sets;
            } catch (LedgerStoreException e) {
                throw new EndorsementException("cannot read the transient store of " + ledger.channelId() + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }

}
