package org.chtbackup.storage.backlog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.location.ObjectNotFoundException;
import org.chtbackup.storage.writing.MissingChunksException;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.Placement;

/**
 * Re-puts one backlog object into its location. A manifest whose chunks or chunk list pieces are not all there
 * first has the missing ones copied from the other locations (same key, same content); if some are in no location it throws
 * {@link MissingChunksException} and the manifest stays unwritten. Location failures propagate: the consumer
 * waits and tries the same record again, so a location's backlog is caught up in order.
 */
final class CatchUp {

    private final Location location;
    private final List<Location> others;
    private final ObjectPlacement placement;

    CatchUp(Location location, List<Location> others, ObjectPlacement placement) {
        this.location = location;
        this.others = List.copyOf(others);
        this.placement = placement;
    }

    String location() {
        return location.name();
    }

    void apply(ObjectEncrypted object) {
        Placement placed = placement.place(location, object);
        // A chunk list piece copied in one round can name chunks the next round finds missing: a few rounds.
        for (int round = 0; !placed.stored() && round < 3; round++) {
            List<String> absent = copyFromOthers(placed.missing());
            if (!absent.isEmpty()) {
                throw new MissingChunksException(location.name(), object.objectKey(), absent);
            }
            placed = placement.place(location, object);
        }
        if (!placed.stored()) {
            throw new MissingChunksException(location.name(), object.objectKey(), placed.missing());
        }
    }

    /** Copies each missing chunk from the first other location that has it; returns those no location has. */
    private List<String> copyFromOthers(List<String> missing) {
        List<String> absent = new ArrayList<>();
        for (String key : missing) {
            byte[] copy = readFromOthers(key);
            if (copy == null) {
                absent.add(key);
            } else {
                location.put(key, copy);
            }
        }
        return absent;
    }

    /** The object from the first other location that has it; null when none has it; throws if one could not answer. */
    private byte[] readFromOthers(String key) {
        LocationException unavailable = null;
        for (Location other : others) {
            try (InputStream in = other.get(key)) {
                return in.readAllBytes();
            } catch (ObjectNotFoundException e) {
                // not there: try the next location
            } catch (LocationException e) {
                unavailable = e;
            } catch (IOException e) {
                unavailable = new LocationException("location '" + other.name() + "' failed GET " + key + " while "
                        + "catching up '" + location.name() + "'", true, e);
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return null;
    }
}
