package org.chtbackup.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Packs that prune has marked for deletion (no kept snapshot names them) or deleted, in one location. A collector
 * forgets every chunk in them, so its next snapshot sends such a chunk again instead of naming a pack that is, or
 * soon will be, gone. Marked packs are announced a whole grace period before they can be deleted, which covers a
 * snapshot already under way; a pack a new snapshot names in that time is kept, and only costs a chunk sent twice.
 *
 * <p>Version 1. Emitted by storage on {@link Topics#PACKS_RELEASED}, keyed by deployment, at most
 * {@link #MAX_PACKS} ids per event. Duplicates are harmless: forgetting twice is forgetting.
 */
public record PacksReleased(
        int version,
        String deploymentId,
        String location,
        List<String> packIds,
        Instant at) {

    public static final int VERSION = 1;
    /** 1,000 ids of 64 hex digits: about 70 KB, far below any broker's message limit. */
    public static final int MAX_PACKS = 1000;

    public PacksReleased {
        EventChecks.version(version, VERSION, "PacksReleased");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(location, "location");
        EventChecks.required(at, "at");
        packIds = List.copyOf(EventChecks.required(packIds, "packIds"));
        if (packIds.size() > MAX_PACKS) {
            throw new IllegalArgumentException("PacksReleased names " + packIds.size() + " packs, at most "
                    + MAX_PACKS + " per event");
        }
        packIds.forEach(id -> EventChecks.hexId(id, "packId"));
    }
}
