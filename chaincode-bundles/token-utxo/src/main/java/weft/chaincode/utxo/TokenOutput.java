package weft.chaincode.utxo;

/**
 * What an output holds: {@code amount} tokens of {@code type} owned by {@code owner}. It is both a transfer's
 * requested output and the JSON value stored under the output's key, e.g.
 * {@code {"owner":"Org1MSP::x509::CN=alice,...","type":"USD","amount":10}}.
 */
public record TokenOutput(String owner, String type, long amount) {
}
