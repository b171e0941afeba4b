package weft.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.Response;

/** Install and the installed-package queries: channel-less proposals passed through to the peer's registry. */
class InstalledPackagesFunctionsTest {

    private final LifecycleChaincode lifecycle = new LifecycleChaincode("Org1MSP", id -> Optional.empty(),
            new MemoryPackages());

    private Response call(String function, Message args) {
        return lifecycle.invoke(MemoryStub.of(new MemoryLedger(), "", function, args.toByteString()));
    }

    @Test
    void installsAndReportsThePackageIdInFabricsMessages() throws Exception {
        ByteString pkg = ByteString.copyFromUtf8("basic_1.0\ncontent");
        Response installed = call(LifecycleChaincode.INSTALL,
                InstallChaincodeArgs.newBuilder().setChaincodeInstallPackage(pkg).build());
        assertTrue(installed.isSuccess(), installed.message());
        InstallChaincodeResult result = InstallChaincodeResult.parseFrom(installed.payload());
        assertEquals("basic_1.0", result.getLabel());
        assertTrue(result.getPackageId().startsWith("basic_1.0:"));

        QueryInstalledChaincodeResult one = QueryInstalledChaincodeResult.parseFrom(call(LifecycleChaincode.QUERY_INSTALLED,
                QueryInstalledChaincodeArgs.newBuilder().setPackageId(result.getPackageId()).build()).payload());
        assertEquals(result.getPackageId(), one.getPackageId());
        assertEquals("mycc", one.getReferencesMap().get("mychannel").getChaincodes(0).getName());

        QueryInstalledChaincodesResult all = QueryInstalledChaincodesResult.parseFrom(
                call(LifecycleChaincode.QUERY_INSTALLED_ALL, QueryInstalledChaincodesArgs.getDefaultInstance()).payload());
        assertEquals(List.of(result.getPackageId()), all.getInstalledChaincodesList().stream()
                .map(QueryInstalledChaincodesResult.InstalledChaincode::getPackageId).toList());

        assertEquals(pkg, GetInstalledChaincodePackageResult.parseFrom(call(LifecycleChaincode.GET_INSTALLED_PACKAGE,
                GetInstalledChaincodePackageArgs.newBuilder().setPackageId(result.getPackageId()).build()).payload())
                .getChaincodeInstallPackage());
    }

    @Test
    void aRefusedPackageFailsWithTheRegistrysReason() {
        Response refused = call(LifecycleChaincode.INSTALL, InstallChaincodeArgs.newBuilder()
                .setChaincodeInstallPackage(ByteString.copyFromUtf8("broken\n")).build());
        assertEquals(500, refused.status());
        assertEquals("failed to invoke backing implementation of 'InstallChaincode': could not parse as a chaincode "
                + "install package: no label", refused.message());
    }

    @Test
    void unknownPackagesAreNamed() {
        assertTrue(call(LifecycleChaincode.QUERY_INSTALLED, QueryInstalledChaincodeArgs.newBuilder().setPackageId("x:1")
                .build()).message().endsWith("could not find chaincode with package id 'x:1'"));
        assertTrue(call(LifecycleChaincode.GET_INSTALLED_PACKAGE, GetInstalledChaincodePackageArgs.newBuilder()
                .setPackageId("x:1").build()).message().endsWith("chaincode install package 'x:1' not found"));
    }
}
