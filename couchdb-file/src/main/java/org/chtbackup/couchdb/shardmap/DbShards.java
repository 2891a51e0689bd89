package org.chtbackup.couchdb.shardmap;

import java.util.List;
import java.util.Map;

/**
 * One database's entry in the shard map.
 *
 * @param suffix  the shard suffix (".1795666429"), part of every shard file's name
 * @param byRange range ("00000000-7fffffff") to the nodes holding a copy, in order
 */
public record DbShards(String name, String suffix, Map<String, List<String>> byRange) {

    /** Path of a shard file relative to the data directory, as mem3 names it. */
    public String shardFile(String range) {
        return "shards/" + range + "/" + name + suffix + ".couch";
    }

    /** Ranges a node holds; every range when {@code node} is null. */
    public List<String> rangesOn(String node) {
        return byRange.entrySet().stream()
                .filter(e -> node == null || e.getValue().contains(node))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
