package weft.runtime.ledger.block;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Block hashes exactly as Fabric computes them. The data hash is SHA-256 over the envelopes concatenated in
 * order. The header hash is SHA-256 over the DER encoding of {@code SEQUENCE { INTEGER number, OCTET STRING
 * previous_hash, OCTET STRING data_hash }} — not over the protobuf header — and is what the next block's
 * {@code previous_hash} and the orderer's signature refer to.
 */
public final class BlockHashes {

    private BlockHashes() {
    }

    public static ByteString dataHash(BlockData data) {
        MessageDigest sha256 = Sha256.digest();
        for (ByteString envelope : data.getDataList()) {
            sha256.update(envelope.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(sha256.digest());
    }

    /** The DER bytes the header hash covers; the orderer signs them too. */
    public static byte[] headerBytes(BlockHeader header) {
        ASN1EncodableVector fields = new ASN1EncodableVector(3);
        // Fabric's number is a uint64; BigInteger keeps numbers above Long.MAX_VALUE positive.
        fields.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        fields.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        fields.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding in memory failed", e);
        }
    }

    public static ByteString headerHash(BlockHeader header) {
        return ByteString.copyFrom(Sha256.of(headerBytes(header)));
    }

}
