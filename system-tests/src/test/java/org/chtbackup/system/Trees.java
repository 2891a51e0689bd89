package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.SharedFixtures;

/** File-by-file comparison of a restored tree with its source. */
final class Trees {

    static void assertSameTree(Path expected, Path actual) throws IOException {
        Map<String, Path> want = files(expected);
        Map<String, Path> got = files(actual);
        assertThat(got.keySet()).as("files under " + actual).isEqualTo(want.keySet());
        for (Map.Entry<String, Path> e : want.entrySet()) {
            assertThat(Files.mismatch(e.getValue(), got.get(e.getKey()))).as(e.getKey()).isEqualTo(-1L);
        }
    }

    /** {@code restored} holds the fixture host's CouchDB data, upgrade-service folder and TLS files, byte for byte. */
    static void assertSameAsFixtureHost(Path restored) throws IOException {
        Path cht = SharedFixtures.chtHost().resolve("home/ubuntu/cht");
        assertSameTree(cht.resolve("couchdb"), restored.resolve("couchdb-data"));
        assertSameTree(cht.resolve("upgrade-service"), restored.resolve("upgrade-service"));
        assertSameTree(SharedFixtures.chtHost().resolve("nginx-private"), restored.resolve("nginx-private"));
    }

    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isRegularFile).forEach(p -> files.put(root.relativize(p).toString(), p));
        }
        return files;
    }

    private Trees() {
    }
}
