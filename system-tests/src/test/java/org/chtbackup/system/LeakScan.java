package org.chtbackup.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * After the fault suite: every byte the stack left behind (each process's log, every Kafka segment) searched for
 * the secrets it was given and the health data it carried. A process that dies mid-write is where a secret or a
 * payload most easily lands in a log or a dead letter.
 */
final class LeakScan {

    private LeakScan() {
    }

    /** Files under {@code roots} that contain any of {@code needles}, as "file: what" lines. */
    static List<String> find(List<Path> roots, List<Needle> needles) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try (InputStream in = Files.newInputStream(file)) {
                        bytes = in.readAllBytes();
                    }
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    for (Needle needle : needles) {
                        if (text.contains(new String(needle.value().getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1))) {
                            found.add(root.relativize(file) + ": " + needle.what());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A value that must not be found, and what it is (the report names only that). */
    record Needle(String what, String value) {
    }
}
