package weft.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Fabric ledgers beside the checkout ({@code ../shared/fabric-ledgers}). A user's clone has none, so
 * tests that need them are skipped there with a message, while CI, which has them, runs them.
 */
public final class FabricLedgers {

    public static final String SAMPLE_PROD = "sample_prod";
    public static final String V20_TESTCHANNEL = "v20_testchannel";
    public static final String FABRIC_NET_SMALL = "fabric-net-small";

    private FabricLedgers() {
    }

    /** The block file of ledger {@code name}; skips the calling test when the shared ledgers are absent. */
    public static Path blockFile(String name) {
        Path ledgers = Path.of(System.getProperty("weft.shared", "../shared")).resolve("fabric-ledgers");
        assumeTrue(Files.isDirectory(ledgers), "the real Fabric ledgers are not at " + ledgers.toAbsolutePath()
                + " (as on a user's clone); skipping this conformance test");
        Path file = ledgers.resolve(name).resolve("blockfile_000000");
        assumeTrue(Files.isRegularFile(file), "no block file " + file);
        return file;
    }
}
