package org.chtbackup.collector.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Copies a file or folder out of a container through the Docker API ({@code copyArchiveFromContainer}), the
 * equivalent of {@code docker cp}: it works whatever volume driver holds the files and needs no access to
 * {@code /var/lib/docker}.
 */
final class ContainerFiles {

    private final DockerClient docker;

    ContainerFiles(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Extracts {@code containerPath} of the container into {@code target}: a file becomes
     * {@code target/<name>}, a folder {@code target/<folder>/...}. Returns false when the path does not exist.
     */
    boolean copyOut(String containerId, String containerName, String containerPath, Path target) {
        try (InputStream raw = docker.copyArchiveFromContainerCmd(containerId, containerPath).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            Files.createDirectories(target);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new DiscoveryException("container " + containerName + " returned an archive entry outside "
                            + containerPath + ": refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    keepModeAndTime(entry, out);
                }
            }
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new DiscoveryException("copying " + containerPath + " out of container " + containerName + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The manifest records mode and mtime as they were in the container, not as the copy happened. */
    private static void keepModeAndTime(TarArchiveEntry entry, Path out) throws IOException {
        Files.setLastModifiedTime(out, FileTime.from(entry.getLastModifiedTime().toInstant()));
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((entry.getMode() & (1 << (8 - i))) != 0) {
                perms.add(all[i]);
            }
        }
        perms.add(PosixFilePermission.OWNER_READ); // the collector must still read its own copy
        try {
            Files.setPosixFilePermissions(out, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem: the manifest then records the default mode
        }
    }
}
