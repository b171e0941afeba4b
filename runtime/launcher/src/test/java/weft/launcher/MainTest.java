package weft.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import weft.launcher.spi.HandlerStatus;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void reportsAMissingBundleDirectoryAsAConfigurationError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("handlers", "list", "--home", dir.toString());

        assertEquals(Main.EXIT_CONFIG, exit);
        assertTrue(err.toString().contains("bundle directory " + dir.resolve("bundles") + " does not exist"),
                err.toString());
    }

    @Test
    void pluginCommandsNeedTheirJarOrFileName() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        int install = cli.execute("plugin", "install", "--home", dir.toString());
        int uninstall = cli.execute("plugin", "uninstall", "--home", dir.toString());

        assertEquals(2, install);
        assertEquals(2, uninstall);
        assertTrue(err.toString().contains("Missing required parameter: 'JAR'"), err.toString());
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());
    }

    @Test
    void rejectsAnUnknownCommandWithUsage() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("nodes", "start");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    }

    @Test
    void tableAlignsColumnsAndListsProblemsBelow() {
        String table = HandlerTable.render(List.of(
                new HandlerStatus("endorser", "escc", "DefaultEndorsement", "weft.plugins.escc", "1.0.0",
                        HandlerStatus.State.ACTIVE, ""),
                new HandlerStatus("validator", "vscc", "Missing", "", "", HandlerStatus.State.FAILED,
                        "handler validators.vscc (name Missing): unknown handler name 'Missing'")));

        List<String> lines = table.lines().toList();
        assertEquals("KIND       PLUGIN  HANDLER             BUNDLE             VERSION  STATE", lines.get(0));
        assertEquals("endorser   escc    DefaultEndorsement  weft.plugins.escc  1.0.0    ACTIVE", lines.get(1));
        assertEquals("validator  vscc    Missing             -                  -        FAILED", lines.get(2));
        assertTrue(table.contains("problem: handler validators.vscc (name Missing): unknown handler name 'Missing'"));
    }
}
