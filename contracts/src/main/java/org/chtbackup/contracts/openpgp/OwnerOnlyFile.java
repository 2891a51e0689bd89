package org.chtbackup.contracts.openpgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes secret key files so that no other user can read them, even for an instant. */
final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    static void write(Path file, byte[] data) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Set the mode before any secret byte lands in the file.
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        }
        Files.write(file, data);
    }
}
