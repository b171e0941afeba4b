package weft.runtime.channel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import weft.runtime.lifecycle.PackageInstallException;

/** Chaincode packages are bundle jars labelled by a manifest header. */
class BundlePackagesTest {

    @Test
    void labelComesFromTheHeaderElseFromTheBundlesNameAndVersion() throws Exception {
        byte[] jar = jar("weft.chaincode.basic", "1.2.0");

        assertEquals("weft.chaincode.basic_1.2.0", BundlePackages.label(jar));
        assertEquals("basic_1.0", BundlePackages.label(BundlePackages.labelled(jar, "basic_1.0")));
    }

    @Test
    void labellingKeepsTheEntriesAndIsDeterministic() throws Exception {
        byte[] jar = jar("weft.chaincode.basic", "1.2.0");

        byte[] first = BundlePackages.labelled(jar, "basic_1.0");
        byte[] second = BundlePackages.labelled(jar, "basic_1.0");

        assertArrayEquals(first, second, "the same jar and label give the same package id");
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(first))) {
            assertEquals("weft.chaincode.basic", in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            ZipEntry entry = in.getNextJarEntry();
            assertEquals("weft/Code.class", entry.getName());
            assertEquals("code", new String(in.readAllBytes()));
        }
    }

    @Test
    void aLabelBreakingFabricsRuleOrAJarWithoutManifestIsRefused() throws Exception {
        PackageInstallException label = assertThrows(PackageInstallException.class,
                () -> BundlePackages.labelled(jar("a", "1.0.0"), "bad label"));
        assertTrue(label.getMessage().startsWith("invalid label 'bad label'"), label.getMessage());
        PackageInstallException notJar = assertThrows(PackageInstallException.class,
                () -> BundlePackages.label(ByteString.copyFromUtf8("not a jar").toByteArray()));
        assertTrue(notJar.getMessage().startsWith("could not parse as a chaincode install package"), notJar.getMessage());
    }

    private static byte[] jar(String name, String version) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", name);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new ZipEntry("weft/Code.class"));
            out.write("code".getBytes());
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
