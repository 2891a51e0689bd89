package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * Invariant 4: one location plus the private key restores a snapshot with no other component running.
 * docs/restore-with-gpg.sh (bash, jq and stock gpg only) restores the filesystem location's snapshot.
 */
class RestoreWithStockGpgTest {

    @Test
    void theDocumentedGpgScriptRestoresTheSnapshotByteForByte(@TempDir Path gnupgHome, @TempDir Path target)
            throws Exception {
        for (String tool : List.of("/usr/bin/gpg", "/usr/bin/jq", "/usr/bin/zstd", "/bin/bash")) {
            org.chtbackup.contracts.testing.Requirements.require(Files.isExecutable(Path.of(tool)), tool + " is not installed");
        }
        SampleSnapshot snapshot = SampleSnapshot.get();
        Path keys = snapshot.pipeline.keys;
        run(Map.of(), "/usr/bin/gpg", "--homedir", gnupgHome.toString(), "--batch", "--import",
                keys.resolve("ops.asc").toString(), keys.resolve("signing.pub.asc").toString());
        Path script = SharedFixtures.repository().resolve("docs/restore-with-gpg.sh");
        String manifest = snapshot.pipeline.location("nas").list(Pipeline.DEPLOYMENT + "/snapshots/").stream()
                .filter(k -> k.contains(snapshot.result.snapshotId())).findFirst().orElseThrow();
        run(Map.of("GNUPGHOME", gnupgHome.toString()), "/bin/bash", script.toString(),
                snapshot.pipeline.work.resolve("nas").toString(), Pipeline.DEPLOYMENT, target.toString(),
                manifest.substring(manifest.lastIndexOf('/') + 1));

        Trees.assertSameAsFixtureHost(target);
    }

    private static void run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
