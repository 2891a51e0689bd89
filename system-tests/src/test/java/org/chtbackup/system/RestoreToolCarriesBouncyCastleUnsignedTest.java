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
 * Both jars that run the restore tool (verify's executable jar, and restore-tool's cht-backup-restore-*.jar) carry
 * Bouncy Castle without its jar signatures, so the JVM neither parses their per-class digest manifests nor checks a
 * digest per class it loads (verify-service/pom.xml, restore-tool/pom.xml). What they carry must still be exactly
 * Maven Central's classes: every class of each jar, byte for byte.
 */
class RestoreToolCarriesBouncyCastleUnsignedTest {

    @Test
    void bouncyCastleInTheExecutableJarIsMavenCentralsClassesWithoutSignatures() throws IOException {
        Map<String, Path> signed = mavenCentralsJars();
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
                assertThat(carried.keySet().stream().filter(n -> n.endsWith(".class")))
                        .as(name).hasSameSizeAs(classes(signed.get(name)));
                checked += assertSameClasses(signed.get(name), carried::get);
            }
        }
        assertThat(checked).as("classes compared across bcprov, bcpg, bcutil and bcpkix").isGreaterThan(8000);
    }

    /** The disaster-recovery jar (restore-tool) holds Bouncy Castle's classes loose, shaded: the same bytes. */
    @Test
    void bouncyCastleInTheRestoreJarIsMavenCentralsClasses() throws IOException {
        Map<String, Path> signed = mavenCentralsJars();
        int checked = 0;
        try (JarFile tool = new JarFile(TheRestoreJarRestoresAloneTest.jar().toFile(), false)) {
            for (String name : List.of("bcprov", "bcpg", "bcutil")) {
                Path original = signed.entrySet().stream().filter(e -> e.getKey().startsWith(name + "-jdk18on-"))
                        .map(Map.Entry::getValue).findFirst().orElseThrow();
                checked += assertSameClasses(original, entry -> {
                    JarEntry e = tool.getJarEntry(entry);
                    if (e == null) {
                        return null;
                    }
                    try (InputStream in = tool.getInputStream(e)) {
                        return in.readAllBytes();
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
            }
        }
        assertThat(checked).as("classes compared across bcprov, bcpg and bcutil").isGreaterThan(7000);
    }

    /** Maven Central's Bouncy Castle jars, as this module's classpath has them, by file name. */
    private static Map<String, Path> mavenCentralsJars() {
        Map<String, Path> signed = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().matches("bc[a-z]+-jdk18on-.*\\.jar")) {
                signed.put(path.getFileName().toString(), path);
            }
        }
        return signed;
    }

    private static List<JarEntry> classes(Path jar) throws IOException {
        try (JarFile original = new JarFile(jar.toFile(), false)) {
            return original.stream().filter(e -> e.getName().endsWith(".class")).toList();
        }
    }

    /** Every class of {@code jar} is in {@code carried} with the same bytes; how many were compared. */
    private static int assertSameClasses(Path jar, java.util.function.Function<String, byte[]> carried)
            throws IOException {
        int checked = 0;
        try (JarFile original = new JarFile(jar.toFile(), false)) {
            for (JarEntry e : original.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                if (e.getName().endsWith("module-info.class")) {
                    continue; // a module descriptor means nothing on a classpath, and the tool's jar leaves it out
                }
                try (InputStream in = original.getInputStream(e)) {
                    assertThat(Arrays.equals(in.readAllBytes(), carried.apply(e.getName())))
                            .as("%s!%s as in Maven Central's jar", jar.getFileName(), e.getName()).isTrue();
                }
                checked++;
            }
        }
        return checked;
    }
}
