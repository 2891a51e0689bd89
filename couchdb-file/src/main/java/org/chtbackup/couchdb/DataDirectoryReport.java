package org.chtbackup.couchdb;

import java.nio.file.Path;
import java.util.List;
import org.chtbackup.couchdb.shardmap.ShardMap;

/**
 * Everything {@link DataDirectory#inspect} found.
 *
 * @param shardMap null when the directory has no readable _dbs.couch (CouchDB 1.x layout)
 * @param problems directory-wide findings not tied to one database (e.g. a view newer than its shard)
 */
public record DataDirectoryReport(
        Path directory, List<DatabaseSummary> databases, List<ShardReport> files, List<ViewIndex> views,
        ShardMap shardMap, List<Problem> problems) {

    public DatabaseSummary database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }
}
