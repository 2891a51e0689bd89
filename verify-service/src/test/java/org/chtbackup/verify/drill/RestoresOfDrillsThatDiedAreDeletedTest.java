package org.chtbackup.verify.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verify killed during a drill leaves that drill's restore (the host's files in clear, .env and TLS key among
 * them) in the scratch folder; the next start deletes it, and nothing else there. The fault suite found this
 * (DrillFaultsLoseNothingTest's leak scan).
 */
class RestoresOfDrillsThatDiedAreDeletedTest {

    @TempDir
    Path scratch;

    @Test
    void leftRestoresAreDeletedAndTheLaunchersFoldersAreNot() throws Exception {
        Path died = Files.createDirectories(scratch.resolve("clinic-7/2026-12-05T044439019940958Z-9660a922"));
        Files.createDirectories(died.resolve("upgrade-service"));
        Files.writeString(died.resolve("upgrade-service/.env"), "COUCHDB_PASSWORD=not-for-anyone\n");
        Path launcher = Files.createDirectories(scratch.resolve("couchdb-config"));
        Files.writeString(launcher.resolve("drill.ini"), "[admins]\n");
        Path other = Files.createDirectories(scratch.resolve("clinic-7/notes"));

        assertThat(runner(false).removeRestoresOfDrillsThatDied()).isEqualTo(1);

        assertThat(died).doesNotExist();
        assertThat(launcher.resolve("drill.ini")).exists();
        assertThat(other).exists();
    }

    @Test
    void restoresKeptOnPurposeStay() throws Exception {
        Path kept = Files.createDirectories(scratch.resolve("clinic-7/2026-12-05T044439019940958Z-9660a922"));

        assertThat(runner(true).removeRestoresOfDrillsThatDied()).isZero();

        assertThat(kept).exists();
    }

    private DrillRunner runner(boolean keepRestored) {
        return new DrillRunner(Map.of(), null, null, scratch, keepRestored, null, drill -> { }, Clock.systemUTC());
    }
}
