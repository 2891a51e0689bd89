package org.chtbackup.verify.cli;

import java.nio.file.Path;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;

/** The next steps printed after a full restore: where each folder goes on the new CHT host, and how to start. */
final class Runbook {

    static String text(Path target, Manifest manifest) {
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

    private Runbook() {
    }
}
