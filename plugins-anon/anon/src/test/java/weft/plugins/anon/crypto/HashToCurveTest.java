package weft.plugins.anon.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The RFC 9380 suite P256_XMD:SHA-256_SSWU_RO_ against the RFC's own test vectors (appendix J.1.1). */
class HashToCurveTest {

    private static final HashToCurve RFC = new HashToCurve("QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_");

    @Test
    void hashesTheEmptyMessageToTheRfcPoint() {
        ECPoint p = RFC.hash(new byte[0]);
        assertEquals(hex("2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4"), p.getAffineXCoord().toBigInteger());
        assertEquals(hex("8a7a74985cc5c776cdfe4b1f19884970453912e9d31528c060be9ab5c43e8415"), p.getAffineYCoord().toBigInteger());
    }

    @Test
    void hashesAbcToTheRfcPoint() {
        ECPoint p = RFC.hash("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(hex("0bb8b87485551aa43ed54f009230450b492fead5f1cc91658775dac4a3388a0f"), p.getAffineXCoord().toBigInteger());
        assertEquals(hex("5c41b3d0731a27a7b14bc0bf0ccded2d8751f83493404c84a88e71ffd424212e"), p.getAffineYCoord().toBigInteger());
        ECPoint longer = RFC.hash("abcdef0123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(hex("65038ac8f2b1def042a5df0b33b1f4eca6bff7cb0f9c6c1526811864e544ed80"),
                longer.getAffineXCoord().toBigInteger());
    }

    @Test
    void derivesTheRfcFieldElementsAndFirstMappedPoint() {
        byte[] uniform = RFC.expandMessageXmd(new byte[0], 96);
        BigInteger u0 = new BigInteger(1, Arrays.copyOfRange(uniform, 0, 48)).mod(P256.P);
        BigInteger u1 = new BigInteger(1, Arrays.copyOfRange(uniform, 48, 96)).mod(P256.P);
        assertEquals(hex("ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009"), u0);
        assertEquals(hex("8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a"), u1);
        ECPoint q0 = HashToCurve.mapToCurve(u0).normalize();
        assertEquals(hex("ab640a12220d3ff283510ff3f4b1953d09fad35795140b1c5d64f313967934d5"), q0.getAffineXCoord().toBigInteger());
        assertEquals(hex("dccb558863804a881d4fff3455716c836cef230e5209594ddd33d85c565b19b1"), q0.getAffineYCoord().toBigInteger());
    }

    private static BigInteger hex(String value) {
        return new BigInteger(value, 16);
    }
}
