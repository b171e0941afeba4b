package weft.runtime.ledger.state;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/** A version: the (block, transaction) position of the transaction that last wrote a key. Ordered. */
public record Height(long blockNum, long txNum) implements Comparable<Height> {

    public static Height of(Version version) {
        return new Height(version.getBlockNum(), version.getTxNum());
    }

    public Version toVersion() {
        return Version.newBuilder().setBlockNum(blockNum).setTxNum(txNum).build();
    }

    @Override
    public int compareTo(Height other) {
        int byBlock = Long.compareUnsigned(blockNum, other.blockNum);
        return byBlock != 0 ? byBlock : Long.compareUnsigned(txNum, other.txNum);
    }

    @Override
    public String toString() {
        return "(" + blockNum + "," + txNum + ")";
    }
}
