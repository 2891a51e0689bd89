package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
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
        assertSameHost(work.resolve("from-nas"));
        tool(s3Secret, "snapshot", s3, common, "-s", id, "-t", work.resolve("from-s3").toString());
        assertSameHost(work.resolve("from-s3"));
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

    private static String tool(Map<String, String> env, String command, List<String> source, List<String> common,
                               String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-jar", jar().toString(),
                command));
        args.addAll(source);
        args.addAll(common);
        args.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the tool ends").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    private static void assertSameHost(Path restored) throws IOException {
        Path cht = SharedFixtures.chtHost().resolve("home/ubuntu/cht");
        Trees.assertSameTree(cht.resolve("couchdb"), restored.resolve("couchdb-data"));
        Trees.assertSameTree(cht.resolve("upgrade-service"), restored.resolve("upgrade-service"));
        Trees.assertSameTree(SharedFixtures.chtHost().resolve("nginx-private"), restored.resolve("nginx-private"));
    }

    /** The tool's jar next to this module, as {@code mvn package} (or verify) builds it. */
    static Path jar() throws IOException {
        Path target = Path.of("..", "restore-tool", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("cht-backup-restore-.*\\.jar"))
                    .toList();
            Requirements.require(!jars.isEmpty(), "the restore tool's jar is not built in " + target
                    + " (run ./mvnw package, or verify, from the repository root)");
            return jars.get(0);
        }
    }
}
