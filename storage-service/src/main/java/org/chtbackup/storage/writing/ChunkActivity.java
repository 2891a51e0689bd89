package org.chtbackup.storage.writing;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * When this process last received each chunk, new or already stored. A prune treats a chunk received within the
 * grace period as wanted, even one that a running snapshot re-sent while an old mark said it was unreferenced.
 */
public final class ChunkActivity {

    private final ConcurrentHashMap<String, Instant> lastSeen = new ConcurrentHashMap<>();

    void seen(String chunkKey, Instant at) {
        lastSeen.put(chunkKey, at);
    }

    /** Chunks under {@code prefix} seen at or after {@code since}; older entries are forgotten. */
    public Set<String> seenSince(String prefix, Instant since) {
        lastSeen.values().removeIf(t -> t.isBefore(since));
        return lastSeen.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
