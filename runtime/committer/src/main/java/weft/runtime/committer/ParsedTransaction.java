package weft.runtime.committer;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/**
 * One transaction of a block, parsed once and checked, with the raw bytes kept for hashing and signatures (Fabric
 * signs bytes, never re-serialised messages).
 *
 * @param namespaces for an endorser transaction, the namespaces its validation plugins must check: the invoked
 *                   chaincode, then every namespace it writes, in rwset order; empty otherwise
 */
public record ParsedTransaction(int position, ByteString envelope, ChannelHeader channelHeader,
                                SignatureHeader signatureHeader, String txId, Endorsed endorsed,
                                List<String> namespaces) {

    /**
     * What an endorser transaction adds.
     *
     * @param namespaces each namespace's read-write set, parsed once
     */
    public record Endorsed(ChaincodeActionPayload actionPayload, ChaincodeAction action, TxReadWriteSet rwset,
                           String chaincode, List<Namespace> namespaces) {
        public Endorsed {
            namespaces = List.copyOf(namespaces);
        }
    }

    /** One namespace's public read-write set and its private collections' hashed ones. */
    public record Namespace(String name, KVRWSet rwset, List<Collection> collections) {
        public Namespace {
            collections = List.copyOf(collections);
        }

        boolean writes() {
            if (rwset.getWritesCount() > 0 || rwset.getMetadataWritesCount() > 0) {
                return true;
            }
            return collections.stream().anyMatch(c -> c.hashed().getHashedWritesCount() > 0
                    || c.hashed().getMetadataWritesCount() > 0);
        }
    }

    /** A collection's hashed read-write set. */
    public record Collection(String name, HashedRWSet hashed) {
    }

    public ParsedTransaction {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(channelHeader, "channelHeader");
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        Objects.requireNonNull(txId, "txId");
        namespaces = List.copyOf(namespaces);
    }

    public boolean isEndorserTransaction() {
        return endorsed != null;
    }
}
