package org.chtbackup.couchdb;

import java.nio.file.Path;
import java.util.List;
import org.chtbackup.couchdb.shardmap.ShardMap;

/**
 * Everything {@link DataDirectory#inspect} found.
 *
 * @param shardMap null when the directory has no readable _dbs.couch (CouchDB 1.x layout)
 * @param problems directory-wide findings not tied to one database (e.g. a view newer than its shard)
 * @param warnings directory-wide findings that are not damage (e.g. a view index that fell back to an
 *                 older header); per-database warnings are in {@link DatabaseSummary#warnings()}
 */
public record DataDirectoryReport(
        Path directory, List<DatabaseSummary> databases, List<ShardReport> files, List<ViewIndex> views,
        ShardMap shardMap, List<Problem> problems, List<Problem> warnings) {

    /** Without warnings: the form before they were added. */
    public DataDirectoryReport(Path directory, List<DatabaseSummary> databases, List<ShardReport> files,
            List<ViewIndex> views, ShardMap shardMap, List<Problem> problems) {
        this(directory, databases, files, views, shardMap, problems, List.of());
    }

    public DatabaseSummary database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * False when the directory holds no database file at all ({@link DataDirectory#isDataDirectory}):
     * it is then not a CouchDB data directory, and the empty report must not pass as a clean one.
     */
    public boolean isCouchDbData() {
        return !files.isEmpty();
    }
}
