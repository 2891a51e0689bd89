package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process launcher's generated configuration, and "not installed" as a skip (no CouchDB is installed here). */
class ProcessScratchCouchDbConfigTest {

    @TempDir
    Path dir;

    @Test
    void generatedConfigBindsLoopbackUsesTheRestoredDirAndTheSourceNodeNameAndKeepsSecretsToTheOwner()
            throws Exception {
        ProcessScratchCouchDb launcher = new ProcessScratchCouchDb(dir.resolve("opt-couchdb"), dir, Duration.ofSeconds(5));
        Path data = dir.resolve("restored/couchdb-data");
        Map<String, String> env = launcher.configure(dir.resolve("boot"), data, "couchdb@couchdb-1.local", 15984,
                "s3cret");

        String vmArgs = Files.readString(Path.of(env.get("COUCHDB_ARGS_FILE")));
        assertThat(vmArgs).contains("-name couchdb@couchdb-1.local").contains("inet_dist_use_interface {127,0,0,1}")
                .as("CouchDB's own vm.args line: the VM must not read stdin").contains("\n+Bd -noinput\n")
                .as("arguments show in ps; the cookie is in HOME").doesNotContain("-setcookie");
        Path home = Path.of(env.get("HOME"));
        assertThat(Files.getPosixFilePermissions(home.resolve(".erlang.cookie")))
                .containsExactly(PosixFilePermission.OWNER_READ);
        String iniFiles = env.get("COUCHDB_INI_FILES");
        assertThat(iniFiles).startsWith(dir.resolve("opt-couchdb/etc/default.ini").toString());
        String ini = Files.readString(Path.of(iniFiles.split(" ")[1]));
        assertThat(ini).contains("database_dir = " + data.toAbsolutePath())
                .contains("view_index_dir = " + data.toAbsolutePath())
                .contains("[chttpd]\nbind_address = 127.0.0.1\nport = 15984")
                .contains("drill-admin = s3cret")
                .doesNotContain("0.0.0.0");
        assertThat(Files.getPosixFilePermissions(Path.of(iniFiles.split(" ")[1])))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void missingInstallationIsASkipThatSaysWhere() {
        Path install = dir.resolve("no-couchdb-here");
        assertThatThrownBy(() -> new ProcessScratchCouchDb(install, dir, Duration.ofSeconds(5))
                .start(dir, "3.4.3", "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootSkipped.class)
                .hasMessageContaining("CouchDB is not installed at " + install);
    }

    @Test
    void nodeNameThatIsNoErlangNodeNameIsAFailureAndNoneIsTheSingleNodeDefault() throws Exception {
        assertThat(ScratchConfig.node(null)).isEqualTo("couchdb@127.0.0.1");
        assertThatThrownBy(() -> ScratchConfig.node("couchdb@127.0.0.1\n-eval halt()"))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("not an Erlang node name");
        assertThatThrownBy(() -> ScratchConfig.node("couchdb")).isInstanceOf(ScratchBootFailed.class);
    }

    @Test
    void everyLauncherSkippingIsOneSkipListingAll() {
        FirstAvailableScratchCouchDb all = new FirstAvailableScratchCouchDb(java.util.List.of(
                new ProcessScratchCouchDb(null, dir, Duration.ofSeconds(5)),
                new ProcessScratchCouchDb(dir.resolve("x"), dir, Duration.ofSeconds(5))));
        assertThatThrownBy(() -> all.start(dir, "3.4.3", null)).isInstanceOf(ScratchBootSkipped.class)
                .hasMessageContaining("no local CouchDB installation configured")
                .hasMessageContaining("CouchDB is not installed at " + dir.resolve("x"));
    }
}
