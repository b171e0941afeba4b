package weft.runtime.ledger;

import com.google.protobuf.ByteString;

/**
 * Fabric's {@code BlockchainInfo}: how many blocks the chain has, the header hash of the last one and that
 * block's previous hash (both empty for an empty chain).
 */
public record ChainInfo(long height, ByteString currentBlockHash, ByteString previousBlockHash) {
}
