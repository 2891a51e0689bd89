package org.chtbackup.collector.dedup;

import org.chtbackup.contracts.events.PacksReleased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the chunks of packs storage's prune has marked or deleted ({@link PacksReleased}), so a chunk that
 * reappears after prune is sent again rather than named in a pack that is gone. Events of other deployments are
 * ignored; repeated ones cost a lookup.
 */
public final class ReleasedPacks {

    private static final Logger log = LoggerFactory.getLogger(ReleasedPacks.class);

    private final String deploymentId;
    private final ChunkIndex index;

    public ReleasedPacks(String deploymentId, ChunkIndex index) {
        this.deploymentId = deploymentId;
        this.index = index;
    }

    public void released(PacksReleased event) {
        if (!deploymentId.equals(event.deploymentId())) {
            return;
        }
        int forgotten = index.removePacks(event.packIds());
        if (forgotten > 0) {
            log.info("prune released {} pack(s) of {} in '{}': {} chunk(s) will be sent again when they reappear",
                    event.packIds().size(), deploymentId, event.location(), forgotten);
        }
    }
}
