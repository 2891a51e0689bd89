package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard copied mid-write opens at its previous header, as CouchDB opens it: not damage, but the
 * report says which file, how many headers were skipped and how many bytes follow the one in use.
 */
class HeaderFallbackIsAWarningTest {

    @TempDir
    Path dataDir;

    @Test
    void tornShardIsReportedAsAWarningNamingFileSkippedHeadersAndTrailingBytes() throws IOException {
        TornShard.Before before = TornShard.make(dataDir);
        Path shard = dataDir.resolve(TornShard.PATH);

        DataDirectoryReport report = DataDirectory.inspect(dataDir, WalkDepth.BODIES);

        DatabaseSummary medic = report.database("medic");
        assertThat(medic.problems()).isEmpty();
        assertThat(medic.ok()).isTrue();
        ShardReport file = report.files().get(0);
        assertThat(file.lastCommit().headerOffset()).isLessThan(before.headerOffset());
        assertThat(file.lastCommit().skippedHeaders()).isEqualTo(1);
        assertThat(file.lastCommit().bytesAfter()).isGreaterThan(TornShard.GARBAGE)
                .isLessThan(Files.size(shard) - file.lastCommit().headerOffset());
        assertThat(medic.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(shard);
            assertThat(w.offset()).isEqualTo(file.lastCommit().headerOffset());
            assertThat(w.message()).contains("1 newer header(s) skipped")
                    .contains(file.lastCommit().bytesAfter() + " byte(s) after it ignored");
        });
        assertThat(file.walk().problems()).isEmpty();
    }

    @Test
    void fallbackLowersTheUpdateSeqThatVerifyComparesWithLiveStatistics() throws IOException {
        TornShard.Before before = TornShard.make(dataDir);

        DatabaseSummary medic = DataDirectory.inspect(dataDir, null).database("medic");

        // Verify fails a restore whose update_seq is below the live figure read before the copy.
        assertThat(medic.updateSeqSum()).isLessThan(before.updateSeq());
    }

    @Test
    void filesCouchDbCommittedLastEndAtTheirHeader() throws IOException {
        DataDirectoryReport report = DataDirectory.inspect(Fixtures.chtDataDir(), null);
        assertThat(report.files()).allSatisfy(f -> assertThat(f.lastCommit().fellBack()).as(f.file().toString()).isFalse());
        assertThat(report.views()).allSatisfy(v -> assertThat(v.lastCommit().fellBack()).as(v.file().toString()).isFalse());
        assertThat(report.warnings()).isEmpty();
        assertThat(report.databases()).allSatisfy(d -> assertThat(d.warnings()).isEmpty());
    }
}
