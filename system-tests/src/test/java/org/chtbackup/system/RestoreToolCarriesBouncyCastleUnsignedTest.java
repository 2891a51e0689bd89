package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The restore tool (verify's executable jar) carries Bouncy Castle without its jar signatures, so the JVM neither
 * parses their per-class digest manifests nor checks a digest per class it loads (verify-service/pom.xml). What it
 * carries must still be exactly Maven Central's classes: every class of each jar, byte for byte, and no more.
 */
class RestoreToolCarriesBouncyCastleUnsignedTest {

    @Test
    void bouncyCastleInTheExecutableJarIsMavenCentralsClassesWithoutSignatures() throws IOException {
        Map<String, Path> signed = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().matches("bc[a-z]+-jdk18on-.*\\.jar")) {
                signed.put(path.getFileName().toString(), path);
            }
        }
        int checked = 0;
        try (JarFile exec = new JarFile(FaultStack.jar("verify").toFile(), false)) {
            for (JarEntry nested : exec.stream().filter(e -> e.getName().matches("BOOT-INF/lib/bc[a-z]+-jdk18on-.*\\.jar"))
                    .toList()) {
                String name = nested.getName().substring("BOOT-INF/lib/".length());
                assertThat(nested.getMethod()).as("%s is stored, as Spring Boot's loader needs", name)
                        .isEqualTo(ZipEntry.STORED);
                assertThat(signed).as("Maven Central's %s on this module's classpath", name).containsKey(name);
                Map<String, byte[]> carried = new HashMap<>();
                Manifest manifest;
                try (JarInputStream in = new JarInputStream(exec.getInputStream(nested), false)) {
                    manifest = in.getManifest();
                    for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                        carried.put(e.getName(), in.readAllBytes());
                    }
                }
                assertThat(carried.keySet()).as(name).noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
                assertThat(manifest.getMainAttributes().getValue("Multi-Release")).as(name).isEqualTo("true");
                assertThat(manifest.getEntries()).as("%s: no per-class digests", name).isEmpty();
                try (JarFile original = new JarFile(signed.get(name).toFile(), false)) {
                    List<JarEntry> classes = original.stream().filter(e -> e.getName().endsWith(".class")).toList();
                    assertThat(carried.keySet().stream().filter(n -> n.endsWith(".class")))
                            .as(name).hasSameSizeAs(classes);
                    for (JarEntry e : classes) {
                        try (InputStream in = original.getInputStream(e)) {
                            assertThat(Arrays.equals(in.readAllBytes(), carried.get(e.getName())))
                                    .as("%s!%s as in Maven Central's jar", name, e.getName()).isTrue();
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("classes compared across bcprov, bcpg, bcutil and bcpkix").isGreaterThan(8000);
    }
}
