package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker launcher booting a scratch cluster for a clustered host: the three node folders of
 * {@code fixtures/couchdb-cluster}, one container each of {@code cht-backup-test/couchdb-mimic:3.4.3} (see
 * {@link DockerScratchCouchDbLifecycleTest}) on a network of the drill's own. The mimic's {@code _membership} lists
 * as connected the nodes of its restored {@code _nodes.couch} whose host name answers on that network, so the
 * cluster only "joins" when every container is reachable under its source node's host name.
 */
class DockerScratchClusterLifecycleTest {

    static final String IMAGE = DockerScratchCouchDbLifecycleTest.IMAGE;
    static final List<String> NODES = RestoredCluster.NODES;

    static DockerClient docker;
    @TempDir
    Path data;

    @BeforeAll
    static void engine() {
        docker = DockerScratchCouchDbLifecycleTest.engineWithMimicImage();
    }

    @Test
    void bootsOneContainerPerNodeUnderItsNameJoinsThemAndRemovesEverything() throws Exception {
        List<ScratchCouchDb.ClusterNode> nodes = RestoredCluster.in(data);
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(60));
        List<String> ids;
        String network;
        try (ScratchCouchDb.Running cluster = launcher.startCluster(nodes, DockerScratchCouchDbLifecycleTest.VERSION)) {
            ids = DockerScratchCluster.containerIds(cluster);
            network = DockerScratchCluster.network(cluster);
            assertThat(ids).hasSize(3);
            CouchDbHttp.Membership membership = cluster.http().membership();
            assertThat(membership.clusterNodes()).containsExactlyElementsOf(NODES);
            assertThat(membership.allNodes()).as("every node reachable by its name").containsExactlyInAnyOrderElementsOf(NODES);
            assertThat(cluster.description()).contains("cluster of 3 containers").contains("couchdb@couchdb-2.local");
            for (int node = 0; node < 3; node++) {
                int i = node;
                InspectContainerResponse c = docker.inspectContainerCmd(ids.get(i)).exec();
                assertThat(c.getConfig().getHostName()).isEqualTo("couchdb-" + (i + 1) + ".local");
                assertThat(c.getConfig().getEnv()).contains("NODENAME=couchdb-" + (i + 1) + ".local");
                assertThat(c.getMounts()).singleElement().satisfies(m -> assertThat(m.getSource())
                        .isEqualTo(nodes.get(c.getConfig().getHostName().charAt(8) - '1').dataDir().toString()));
                assertThat(c.getNetworkSettings().getNetworks().values()).as("the drill's network only")
                        .singleElement().satisfies(n -> assertThat(n.getNetworkID()).isEqualTo(network)
                                .isEqualTo(c.getHostConfig().getNetworkMode()))
                        .satisfies(n -> assertThat(n.getAliases()).contains("couchdb-" + (i + 1) + ".local"));
            }
            assertThat(Files.readAllLines(nodes.get(1).dataDir().resolve("mimic-seen")))
                    .contains("node=couchdb@couchdb-2.local", "cookie=present");
        }
        for (String id : ids) {
            assertThatThrownBy(() -> docker.inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> docker.inspectNetworkCmd().withNetworkId(network).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aNodeThatCannotBeReachedUnderItsNameFailsTheBootAndLeavesNothing() throws Exception {
        List<ScratchCouchDb.ClusterNode> nodes = new ArrayList<>(RestoredCluster.in(data));
        // booted under another name, couchdb-3.local never answers: the cluster cannot join
        nodes.set(2, new ScratchCouchDb.ClusterNode("couchdb@elsewhere.local", nodes.get(2).dataDir()));
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(8));

        assertThatThrownBy(() -> launcher.startCluster(nodes, DockerScratchCouchDbLifecycleTest.VERSION))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("did not join within 8 s")
                .hasMessageContaining("couchdb@elsewhere.local");
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DockerScratchCouchDb.LABEL))
                .exec().stream().filter(c -> c.getMounts() != null && c.getMounts().stream()
                        .anyMatch(m -> m.getSource() != null && m.getSource().startsWith(data.toString())))
                .count()).isZero();
    }
}
