package org.chtbackup.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.chtbackup.contracts.manifest.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

class DiscoveryNamesWhatIsMissingTest {

    private static final Path ENV = Path.of("/home/ubuntu/cht/upgrade-service/.env");

    @TempDir
    Path tmp;

    @Test
    void anEnvWithoutCouchdbDataIsRefusedNamingTheKeyAndNeverItsSecrets() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        Files.writeString(env, Files.readString(env).replaceAll("(?m)^COUCHDB_DATA=.*$", ""));

        assertThatThrownBy(() -> discovery(host).discover())
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("COUCHDB_DATA").hasMessageContaining(".env")
                .hasMessageNotContaining("fixture-password-not-secret");
    }

    @Test
    void aHostWithoutAnEnvIsNotAChtHost() {
        assertThatThrownBy(() -> discovery(tmp).discover())
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("no .env at").hasMessageContaining("collector.env-file");
    }

    @Test
    void couchdbDataPointingNowhereIsNamed() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        Files.writeString(env, Files.readString(env).replace("COUCHDB_DATA=/home/ubuntu/cht/couchdb",
                "COUCHDB_DATA=/srv/missing"));

        assertThatThrownBy(() -> discovery(host).discover())
                .hasMessageContaining("COUCHDB_DATA").hasMessageContaining("srv/missing")
                .hasMessageContaining("not a directory");
    }

    @Test
    void configuredPathsAreSaidSoAndAClusteredEnvMapsEachNode() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        for (int n = 1; n <= 3; n++) {
            Files.createDirectories(host.resolve("srv/db" + n + "/shards"));
        }
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        Files.writeString(env, Files.readString(env) + "\nDB1_DATA=/srv/db1\nDB2_DATA=/srv/db2\nDB3_DATA=/srv/db3\n");

        HostLayout layout = discovery(host).discover();

        assertThat(layout.facts().discovery()).isEqualTo("configured-paths");
        assertThat(layout.facts().clustered()).isTrue();
        assertThat(layout.dataDirs()).containsOnlyKeys("db1", "db2", "db3");
        assertThat(layout.dataDirs().get("db2")).isEqualTo(host.resolve("srv/db2"));
        assertThat(layout.roots()).containsKeys(Root.COMPOSE, Root.UPGRADE_SERVICE, Root.TLS);
        assertThat(layout.secrets()).contains("fixture-password-not-secret");
    }

    private static ConfiguredPathsDiscovery discovery(Path host) {
        return new ConfiguredPathsDiscovery(host, ENV, Path.of("/nginx-private"), null, null);
    }
}
