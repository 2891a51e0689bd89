package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.chtbackup.verify.scratch.ScratchCouchDb.ClusterNode;
import org.chtbackup.verify.scratch.ScratchCouchDb.Running;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch cluster for a clustered host's drill: a Docker network of its own, and on it one container per source
 * node, named and aliased with the node's host part ({@code couchdb-1.local}) so the nodes reach each other by the
 * names in the restored {@code _nodes} database and shard map. All share one Erlang cookie and one drill admin.
 * Each node mounts its own restored data directory. Torn down whole (containers, then the network) after the
 * drill and on every failed start.
 */
final class DockerScratchCluster {

    private static final Logger log = LoggerFactory.getLogger(DockerScratchCluster.class);

    private final DockerScratchCouchDb launcher;
    private final DockerClient docker;
    private final String image;
    private final Duration bootTimeout;

    DockerScratchCluster(DockerScratchCouchDb launcher, DockerClient docker, String image, Duration bootTimeout) {
        this.launcher = launcher;
        this.docker = docker;
        this.image = image;
        this.bootTimeout = bootTimeout;
    }

    /** One container of the cluster and what must be undone for it. */
    private static final class Member {
        String node;
        String id;
        Path vmArgs;
        DataDirOwnership ownership;
        CouchDbHttp http;
    }

    Running start(List<ClusterNode> nodes) throws ScratchBootFailed {
        List<String> names = new ArrayList<>();
        for (ClusterNode n : nodes) {
            names.add(ScratchConfig.node(n.nodeName()));
        }
        String password = launcher.hex(16);
        String cookie = launcher.hex(16);
        List<Member> members = new ArrayList<>();
        String network = null;
        try {
            network = docker.createNetworkCmd().withName("cht-backup-drill-" + launcher.hex(4))
                    .withLabels(Map.of(DockerScratchCouchDb.LABEL, "drill")).exec().getId();
            for (int i = 0; i < nodes.size(); i++) {
                Member m = new Member();
                members.add(m);
                m.node = names.get(i);
                m.ownership = DataDirOwnership.of(docker, image, nodes.get(i).dataDir());
                m.vmArgs = launcher.vmArgs(image, m.node);
                m.id = launcher.create(image, nodes.get(i).dataDir(), m.vmArgs, m.node, password, cookie, network);
            }
            for (Member m : members) {
                docker.startContainerCmd(m.id).exec();
            }
            for (Member m : members) {
                InspectContainerResponse started = docker.inspectContainerCmd(m.id).exec();
                DockerScratchCouchDb.exitedEarly(m.id, started.getState());
                m.http = new CouchDbHttp(URI.create("http://127.0.0.1:" + DockerScratchCouchDb.hostPort(started) + "/"),
                        ScratchConfig.ADMIN, password);
            }
            for (Member m : members) {
                launcher.waitUntilUp(m.id, m.http);
            }
            ClusterJoin.await(members.stream().map(m -> m.http).toList(), names, bootTimeout,
                    i -> DockerScratchCouchDb.exitedEarly(members.get(i).id,
                            docker.inspectContainerCmd(members.get(i).id).exec().getState()));
            log.info("scratch CouchDB cluster {} up: {} nodes on network {}", image, members.size(),
                    DockerScratchCouchDb.shortId(network));
            return new Started(members, network);
        } catch (ScratchBootFailed e) {
            tearDown(members, network);
            throw e;
        } catch (IOException | RuntimeException e) {
            tearDown(members, network);
            throw new ScratchBootFailed("scratch CouchDB cluster " + image + " did not start: " + e.getMessage(), e);
        }
    }

    /** Containers first (nothing may write after the chown back), then ownership, vm.args and the network. */
    private void tearDown(List<Member> members, String network) {
        for (Member m : members) {
            DockerScratchCouchDb.remove(docker, m.id);
        }
        for (Member m : members) {
            if (m.ownership != null) {
                m.ownership.handBack();
            }
            launcher.deleteVmArgs(m.vmArgs);
        }
        if (network != null) {
            try {
                docker.removeNetworkCmd(network).exec();
            } catch (RuntimeException e) {
                log.warn("removing scratch network {} failed ({}); remove it by hand: docker network rm {}",
                        DockerScratchCouchDb.shortId(network), e.getClass().getSimpleName(), network);
            }
        }
    }

    private final class Started implements Running {
        private final List<Member> members;
        private final String network;

        Started(List<Member> members, String network) {
            this.members = List.copyOf(members);
            this.network = network;
        }

        @Override
        public CouchDbHttp http() {
            return members.get(0).http;
        }

        @Override
        public String description() {
            return "docker " + image + " cluster of " + members.size() + " containers ("
                    + String.join(", ", members.stream().map(m -> m.node).toList()) + ") on network "
                    + DockerScratchCouchDb.shortId(network);
        }

        @Override
        public void close() {
            tearDown(members, network);
        }
    }

    /** Container ids and network of a running scratch cluster, for tests. */
    static List<String> containerIds(Running running) {
        return ((Started) running).members.stream().map(m -> m.id).toList();
    }

    static String network(Running running) {
        return ((Started) running).network;
    }
}
