package org.chtbackup.verify.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.chtbackup.couchdb.ClusterDirectory;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;

/**
 * The next steps printed after a full restore: where each folder goes on the new CHT host, and how to start. A
 * clustered host gets the three-node form: which node folder goes to which {@code DBn_DATA}, under which node name,
 * read from the restored shard files themselves.
 */
final class Runbook {

    static String text(Path target, Manifest manifest) {
        Path data = target.resolve(Root.COUCHDB_DATA.folder());
        try {
            if (ClusterDirectory.isCluster(data)) {
                return clustered(target, manifest, ClusterDirectory.inspect(data, null).nodes());
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the single-node form: the restore itself succeeded, the runbook is advice
        }
        return singleNode(target, manifest);
    }

    private static String singleNode(Path target, Manifest manifest) {
        HostFacts host = manifest.host();
        String couch = host == null || host.couchdbVersion() == null ? "the same version as the source"
                : "version " + host.couchdbVersion();
        String node = host == null || host.nodeName() == null ? "couchdb@127.0.0.1" : host.nodeName();
        String project = host == null || host.composeProject() == null ? "cht" : host.composeProject();
        Path t = target.toAbsolutePath();
        return """

                Restored %s snapshot %s (taken %s) into %s

                Next steps on the new host:
                  1. Install Docker and Docker Compose as for any CHT 4.x host. Do not start CHT yet.
                  2. Put the files in place (paths as in %s/%s/.env):
                       %s/%s  -> the CHT_COMPOSE_PATH directory (cht-core.yml, cht-couchdb*.yml)
                       %s/%s  -> the upgrade-service directory (docker-compose.yml, .env)
                       %s/%s  -> the COUCHDB_DATA directory named in .env (keep owner uid 5984 for CouchDB)
                       %s/%s  -> the cht-credentials volume (/opt/couchdb/etc/local.d/), if present
                       %s/%s  -> the nginx container's /etc/nginx/private/ (cert.pem, key.pem), on the %s_cht-ssl volume
                  3. Check .env: COUCHDB_DATA and CHT_COMPOSE_PATH must point at the new paths; keep COUCHDB_USER,
                     COUCHDB_PASSWORD, COUCHDB_SECRET and COUCHDB_UUID unchanged (sessions and replication rely on them).
                  4. CouchDB must run %s under the node name %s: the shard map in _dbs.couch names it.
                  5. Start CHT: cd <upgrade-service dir> && docker compose up -d
                  6. Verify: curl -u <admin> http://127.0.0.1:5984/_up and compare GET /medic doc_count with the
                     drill report of this snapshot; log in to CHT as an admin and open a recent report.
                  7. Take a fresh cht-backup snapshot of the new host once it serves users.
                """.formatted(manifest.deploymentId(), manifest.snapshotId(), manifest.createdAt(), t,
                t, Root.UPGRADE_SERVICE.folder(),
                t, Root.COMPOSE.folder(), t, Root.UPGRADE_SERVICE.folder(), t, Root.COUCHDB_DATA.folder(),
                t, Root.COUCHDB_CONFIG.folder(), t, Root.TLS.folder(), project, couch, node);
    }

    private static String clustered(Path target, Manifest manifest, List<ClusterDirectory.NodeDirectory> nodes) {
        HostFacts host = manifest.host();
        String couch = host == null || host.couchdbVersion() == null ? "the same version as the source"
                : "version " + host.couchdbVersion();
        String project = host == null || host.composeProject() == null ? "cht" : host.composeProject();
        Path t = target.toAbsolutePath();
        StringBuilder placement = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (ClusterDirectory.NodeDirectory n : nodes) {
            String variable = n.folder().matches("db\\d+") ? n.folder().toUpperCase(Locale.ROOT) + "_DATA"
                    : "the data directory of node " + n.folder();
            String node = n.node() == null ? "(no shard names its node: see its _nodes.couch)" : n.node();
            placement.append("       %s/%s/%s  -> the %s directory named in .env (owner uid 5984), node %s%n"
                    .formatted(t, Root.COUCHDB_DATA.folder(), n.folder(), variable, node));
            names.append("       %s: %s%n".formatted(n.folder(), node));
        }
        return """

                Restored %s snapshot %s (taken %s), a clustered CouchDB of %d nodes, into %s

                Next steps on the new hosts:
                  1. Install Docker and Docker Compose as for any clustered CHT 4.x host. Do not start CHT yet.
                  2. Put the files in place (paths as in %s/%s/.env):
                       %s/%s  -> the CHT_COMPOSE_PATH directory (cht-core.yml, cht-couchdb-clustered.yml)
                       %s/%s  -> the upgrade-service directory (docker-compose.yml, .env)
                %s       %s/%s  -> every node's cht-credentials volume (/opt/couchdb/etc/local.d/), if present
                       %s/%s  -> the nginx container's /etc/nginx/private/ (cert.pem, key.pem), on the %s_cht-ssl volume
                  3. Check .env: DB1_DATA.. and CHT_COMPOSE_PATH must point at the new paths; keep COUCHDB_USER,
                     COUCHDB_PASSWORD, COUCHDB_SECRET, COUCHDB_UUID and the Erlang cookie unchanged and the same on
                     every node (sessions, replication and the nodes' own connections rely on them).
                  4. Every node must run CouchDB %s under the node name its folder holds; the shard map in each
                     _dbs.couch and the _nodes database name them, so a renamed node serves none of its shards:
                %s  5. Start order: start all %d CouchDB nodes together (docker compose up -d starts them); each
                     connects to the others listed in its _nodes database. Before CHT serves users, check on any node
                     that GET /_membership lists every node above in both all_nodes and cluster_nodes, then start
                     the CHT services (api, sentinel, nginx).
                  6. Verify: curl -u <admin> http://127.0.0.1:5984/_up and compare GET /medic doc_count with the
                     drill report of this snapshot; log in to CHT as an admin and open a recent report.
                  7. Take a fresh cht-backup snapshot of the new host once it serves users.
                """.formatted(manifest.deploymentId(), manifest.snapshotId(), manifest.createdAt(), nodes.size(), t,
                t, Root.UPGRADE_SERVICE.folder(),
                t, Root.COMPOSE.folder(), t, Root.UPGRADE_SERVICE.folder(), placement, t, Root.COUCHDB_CONFIG.folder(),
                t, Root.TLS.folder(), project, couch, names, nodes.size());
    }

    private Runbook() {
    }
}
