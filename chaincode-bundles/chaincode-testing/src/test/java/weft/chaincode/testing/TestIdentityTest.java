package weft.chaincode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.ChaincodeException;

class TestIdentityTest {

    @Test
    void generatesAnEcCertificateNamingTheClientAndItsOrg() {
        TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
        assertEquals("CN=alice,OU=client,O=Org1MSP", alice.certificate().getSubjectX500Principal().getName());
        assertEquals("CN=ca.org1msp,O=Org1MSP", alice.certificate().getIssuerX500Principal().getName());
        assertEquals("EC", alice.certificate().getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", alice.certificate().getSigAlgName());
    }

    @Test
    void theClientIdIsStableForTheSameMspAndName() {
        String id = TestIdentity.create("Org1MSP", "alice").clientIdentity().id();
        assertEquals("x509::CN=alice,OU=client,O=Org1MSP::CN=ca.org1msp,O=Org1MSP", id);
        assertEquals(id, TestIdentity.create("Org1MSP", "alice").clientIdentity().id());
    }

    @Test
    void anotherOuIsCarriedInTheCertificate() {
        TestIdentity admin = TestIdentity.create("Org2MSP", "Admin1", "admin");
        assertEquals("CN=Admin1,OU=admin,O=Org2MSP", admin.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void serialisesAsFabricsSerializedIdentityAndReadsBack() throws Exception {
        TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
        ByteString creator = alice.serialize();
        SerializedIdentity identity = SerializedIdentity.parseFrom(creator);
        assertEquals("Org1MSP", identity.getMspid());
        assertEquals(alice.certificatePem(), identity.getIdBytes().toStringUtf8());
        TestClientIdentity client = TestClientIdentity.fromCreator(creator);
        assertEquals("Org1MSP", client.mspId());
        assertEquals(alice.certificate(), client.certificate());
    }

    @Test
    void readsAPemCertificate() {
        TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
        TestIdentity copy = TestIdentity.fromPem("Org3MSP", "leading text\n" + alice.certificatePem());
        assertEquals(alice.certificate(), copy.certificate());
        assertEquals("Org3MSP", copy.mspId());
        assertThrows(IllegalArgumentException.class, () -> TestIdentity.fromPem("Org1MSP", "no pem here"));
    }

    @Test
    void aCreatorThatIsNotAnIdentityIsReportedAsAChaincodeError() {
        ChaincodeException garbage = assertThrows(ChaincodeException.class,
                () -> TestClientIdentity.fromCreator(ByteString.copyFrom(new byte[] {(byte) 0xFF, 1, 2})));
        assertTrue(garbage.getMessage().startsWith("the creator is not a SerializedIdentity"), garbage.getMessage());
        ByteString noCert = SerializedIdentity.newBuilder().setMspid("Org1MSP").build().toByteString();
        assertTrue(assertThrows(ChaincodeException.class, () -> TestClientIdentity.fromCreator(noCert)).getMessage()
                .startsWith("the creator's certificate cannot be read"));
        assertThrows(IllegalArgumentException.class, () -> TestIdentity.create("", "x"));
    }
}
