package weft.chaincode.utxo;

/** An unspent output as clients see it: its id ({@code txid:index}) and what it holds. */
public record UnspentOutput(String id, String owner, String type, long amount) {

    static UnspentOutput of(OutputId id, TokenOutput output) {
        return new UnspentOutput(id.toString(), output.owner(), output.type(), output.amount());
    }
}
