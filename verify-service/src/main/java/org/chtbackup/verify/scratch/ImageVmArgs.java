package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The image's own {@code vm.args} with the source's node name in it, for nodes the official entrypoint cannot name
 * ({@code NODENAME} only makes {@code couchdb@<host>}). Starting from the image's file keeps what CouchDB needs
 * there, above all {@code +Bd -noinput}: a container has no stdin, so a VM without it halts as soon as it starts.
 */
final class ImageVmArgs {

    static final String PATH_IN_IMAGE = "/opt/couchdb/etc/vm.args";

    private ImageVmArgs() {
    }

    /** Copies the file out of a created, never started, container of {@code image}; writes {@code dir/vm.args}. */
    static Path write(DockerClient docker, String image, String node, Path dir) throws IOException, ScratchBootFailed {
        String id = docker.createContainerCmd(image).withLabels(Map.of(DockerScratchCouchDb.LABEL, "vm-args"))
                .exec().getId();
        try (InputStream archive = docker.copyArchiveFromContainerCmd(id, PATH_IN_IMAGE).exec()) {
            return Files.writeString(dir.resolve("vm.args"), withName(fileIn(archive), node));
        } catch (NotFoundException e) {
            throw new ScratchBootFailed("image " + image + " has no " + PATH_IN_IMAGE + " to name node " + node
                    + " in; use the official couchdb image or one built from it", e);
        } finally {
            DockerScratchCouchDb.remove(docker, id);
        }
    }

    /** {@code vmArgs} with its node names replaced by {@code -name node}, and {@code +Bd -noinput} if it lacked it. */
    static String withName(String vmArgs, String node) {
        List<String> lines = new ArrayList<>();
        boolean noinput = false;
        for (String line : vmArgs.split("\n", -1)) {
            String option = line.strip();
            if (option.startsWith("-name ") || option.startsWith("-sname ")) {
                continue; // exactly one name, the source's
            }
            noinput |= !option.startsWith("#") && option.matches(".*(^|\\s)-noinput(\\s.*|$)");
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        lines.add("");
        lines.add("# added by cht-backup verify for a restore drill: the source's node name");
        lines.add("-name " + node);
        if (!noinput) {
            lines.add("+Bd -noinput");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String fileIn(InputStream archive) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            if (entry.isFile()) {
                return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new IOException(PATH_IN_IMAGE + " copied out of the image is not a regular file");
    }
}
