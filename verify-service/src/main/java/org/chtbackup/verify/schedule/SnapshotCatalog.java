package org.chtbackup.verify.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;

/**
 * The snapshots of a deployment in one location, from its manifest keys alone
 * ({@code <deployment>/snapshots/<yyyyMMddTHHmmssZ>-<snapshot id>.manifest}): nothing is decrypted to list.
 */
public final class SnapshotCatalog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One manifest in a location. */
    public record StoredSnapshot(String deploymentId, String snapshotId, Instant createdAt, String manifestKey) {
    }

    /** Oldest first; keys that do not follow the layout are left out. */
    public static List<StoredSnapshot> list(Location location, String deploymentId) {
        String prefix = ObjectLayout.snapshotsPrefix(deploymentId);
        List<StoredSnapshot> out = new ArrayList<>();
        for (String key : location.list(prefix)) {
            String name = key.substring(prefix.length());
            if (!name.endsWith(ObjectLayout.MANIFEST_SUFFIX) || name.contains("/") || name.length() < 18) {
                continue;
            }
            String id = name.substring(0, name.length() - ObjectLayout.MANIFEST_SUFFIX.length());
            try {
                Instant created = Instant.from(TIME.parse(id.substring(0, 16)));
                if (id.charAt(16) == '-') {
                    out.add(new StoredSnapshot(deploymentId, id.substring(17), created, key));
                }
            } catch (DateTimeParseException e) {
                // not one of ours
            }
        }
        out.sort(Comparator.comparing(StoredSnapshot::createdAt).thenComparing(StoredSnapshot::manifestKey));
        return out;
    }

    public static Optional<StoredSnapshot> newest(Location location, String deploymentId) {
        List<StoredSnapshot> all = list(location, deploymentId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public static Optional<StoredSnapshot> find(Location location, String deploymentId, String snapshotId) {
        return list(location, deploymentId).stream().filter(s -> s.snapshotId().equals(snapshotId)).findFirst();
    }

    private SnapshotCatalog() {
    }
}
