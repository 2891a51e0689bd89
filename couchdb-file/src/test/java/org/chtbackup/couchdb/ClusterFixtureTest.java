package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fixtures/couchdb-cluster is exactly what {@link ClusterFixture} writes: its provenance, checked. */
class ClusterFixtureTest {

    @Test
    void committedFixtureIsWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        ClusterFixture.write(tmp);
        List<Path> written = files(tmp);
        assertThat(written).isEqualTo(files(Fixtures.cluster()));
        for (Path rel : written) {
            assertThat(Files.readAllBytes(Fixtures.cluster().resolve(rel)))
                    .as("%s (regenerate: ClusterFixture.main)", rel).isEqualTo(Files.readAllBytes(tmp.resolve(rel)));
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".couch"))
                    .map(root::relativize).sorted().toList();
        }
    }
}
