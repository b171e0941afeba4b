package weft.runtime.operations.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PluginCommandTest {

    private static PluginCommand parse(String json) throws AdminRefusal {
        return PluginCommand.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachCommandReadsBackAsWritten() throws Exception {
        PluginCommand install = new PluginCommand(PluginCommand.Operation.INSTALL, "acme-vscc_1.0+b.jar", new byte[] {1, 2});
        PluginCommand uninstall = new PluginCommand(PluginCommand.Operation.UNINSTALL, "acme.jar", new byte[0]);

        assertEquals(install, PluginCommand.parse(install.toBytes()));
        assertEquals(uninstall, PluginCommand.parse(uninstall.toBytes()));
        assertEquals(PluginCommand.list(), PluginCommand.parse(PluginCommand.list().toBytes()));
    }

    @Test
    void fileNamesMustBePlainJarNamesInTheDeployDirectory() {
        for (String name : new String[] {"../x.jar", "sub/x.jar", ".hidden.jar", "x.zip", "x.jar/", ""}) {
            AdminRefusal refusal = assertThrows(AdminRefusal.class,
                    () -> parse("{\"command\":\"uninstall\",\"file\":\"" + name + "\"}"));
            assertEquals(400, refusal.status());
            assertTrue(refusal.getMessage().contains("is not a plugin file name"), refusal.getMessage());
        }
    }

    @Test
    void installWithoutTheJarAndUnknownCommandsAreRefused() {
        AdminRefusal noJar = assertThrows(AdminRefusal.class,
                () -> parse("{\"command\":\"install\",\"file\":\"a.jar\",\"jar\":\"\"}"));
        AdminRefusal unknown = assertThrows(AdminRefusal.class, () -> parse("{\"command\":\"restart\"}"));

        assertEquals("malformed command: install needs the jar's bytes", noJar.getMessage());
        assertEquals("unknown command 'restart'; expected list, install, update or uninstall", unknown.getMessage());
    }
}
