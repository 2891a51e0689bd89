package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns the restored data directory before the drill, and giving it back afterwards. The official image's
 * entrypoint runs as root and chowns the mounted directory to CouchDB's uid 5984, and CouchDB adds files as 5984:
 * a verify not running as root could then neither delete the drill's scratch files nor read a kept restore. A
 * short container of the same image (which has {@code chown}, and root in it) hands everything back.
 */
final class DataDirOwnership {

    private static final Logger log = LoggerFactory.getLogger(DataDirOwnership.class);

    private final DockerClient docker;
    private final String image;
    private final Path dataDir;
    private final String owner;

    private DataDirOwnership(DockerClient docker, String image, Path dataDir, String owner) {
        this.docker = docker;
        this.image = image;
        this.dataDir = dataDir;
        this.owner = owner;
    }

    /** Records the directory's owner and group ids now, before any container touches it. */
    static DataDirOwnership of(DockerClient docker, String image, Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        return new DataDirOwnership(docker, image, dir,
                Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid"));
    }

    /** {@code uid:gid} the directory had before the drill. */
    String owner() {
        return owner;
    }

    /** Chowns the directory and everything in it back; a failure is logged with the command that fixes it. */
    void handBack() {
        String id = null;
        try {
            id = docker.createContainerCmd(image)
                    .withLabels(Map.of(DockerScratchCouchDb.LABEL, "ownership"))
                    .withUser("0")
                    .withEntrypoint("chown", "-R", owner, DockerScratchCouchDb.DATA)
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                            .withBinds(new Bind(dataDir.toString(), new Volume(DockerScratchCouchDb.DATA))))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(120, TimeUnit.SECONDS);
            if (code == null || code != 0) {
                warn("chown exited with code " + code);
            }
        } catch (RuntimeException e) {
            warn(e.getClass().getSimpleName());
        } finally {
            DockerScratchCouchDb.remove(docker, id);
        }
    }

    private void warn(String why) {
        log.warn("could not give {} back to {} after the drill ({}); CouchDB's uid 5984 may still own files in it:"
                        + " run as root: chown -R {} {}", dataDir, owner, why, owner, dataDir);
    }
}
