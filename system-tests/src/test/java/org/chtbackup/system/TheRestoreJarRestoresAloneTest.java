package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster-recovery jar (restore-tool, {@code cht-backup-restore-*.jar}) restores a real snapshot from the NAS
 * and from S3 in a JVM of its own, with only what it carries: none of the service's Spring, Kafka, Docker client or
 * Logback, which it leaves out to start sooner (docs/restore.md).
 */
class TheRestoreJarRestoresAloneTest {

    private static final List<String> LEFT_OUT = List.of("org/springframework/", "org/apache/kafka/",
            "com/github/dockerjava/", "ch/qos/logback/", "org/apache/tomcat/");

    @Test
    void restoresTheSampleSnapshotFromTheNasAndFromS3ByteForByte(@TempDir Path work) throws Exception {
        SampleSnapshot snapshot = SampleSnapshot.get();
        String id = snapshot.result.snapshotId();
        Path keys = snapshot.pipeline.keys;
        List<String> common = List.of("--key", keys.resolve("ops.asc").toString(), "--signer",
                keys.resolve("signing.pub.asc").toString(), "-d", Pipeline.DEPLOYMENT);
        List<String> nas = List.of("--path", snapshot.pipeline.work.resolve("nas").toString());
        LocationSpec primary = snapshot.pipeline.locations.get("primary");
        List<String> s3 = List.of("--s3-endpoint", primary.endpoint().toString(), "--bucket", primary.bucket(),
                "--access-key", primary.accessKey());
        Map<String, String> s3Secret = Map.of("CHT_BACKUP_S3_SECRET_KEY", primary.secretKey());

        assertThat(tool(Map.of(), "list", nas, common)).contains(id);
        tool(Map.of(), "snapshot", nas, common, "-s", id, "-t", work.resolve("from-nas").toString());
        Trees.assertSameAsFixtureHost(work.resolve("from-nas"));
        tool(s3Secret, "snapshot", s3, common, "-s", id, "-t", work.resolve("from-s3").toString());
        Trees.assertSameAsFixtureHost(work.resolve("from-s3"));
    }

    @Test
    void carriesNoneOfTheServicesFrameworksNorAnyJarSignature() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile(), false)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("org.chtbackup.verify.cli.RestoreTool");
            // bcprov's classes for later Java versions are found only in a multi-release jar
            assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).as("the tool's own classes").contains("org/chtbackup/verify/cli/RestoreTool.class",
                    "org/chtbackup/verify/restore/PackedRestore.class", "org/bouncycastle/openpgp/PGPUtil.class",
                    "io/minio/MinioClient.class", "org/slf4j/simple/SimpleLogger.class");
            for (String framework : LEFT_OUT) {
                assertThat(names).as("nothing under %s", framework).noneMatch(n -> n.startsWith(framework));
            }
            assertThat(names).as("no jar signature").noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
        }
    }

    /** Runs the tool's jar as its own process (ServiceImagesTest's runner); its output, once it exits 0. */
    private static String tool(Map<String, String> env, String command, List<String> source, List<String> common,
                               String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-jar", jar().toString(),
                command));
        args.addAll(source);
        args.addAll(common);
        args.addAll(List.of(more));
        ServiceImagesTest.Result result = ServiceImagesTest.run(env, Duration.ofMinutes(2), args.toArray(String[]::new));
        assertThat(result.code()).as(String.join(" ", args) + "\n" + result.output()).isZero();
        return result.output();
    }

    /** The tool's jar next to this module, as {@code mvn package} (or verify) builds it. */
    static Path jar() {
        return FaultStack.builtJar("restore-tool", "cht-backup-restore-.*\\.jar", "the restore tool's jar");
    }
}
