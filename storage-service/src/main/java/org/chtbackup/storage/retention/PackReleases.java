package org.chtbackup.storage.retention;

import java.util.List;

/**
 * Tells collectors which packs prune has marked or deleted in a location, before it deletes anything: a collector
 * that still took them for stored would name them in its next manifest, and that manifest could never complete.
 */
@FunctionalInterface
public interface PackReleases {

    /** Nobody to tell (tests of prune alone, tools). */
    PackReleases NONE = (deploymentId, location, packIds) -> { };

    /** Must not return before the news is durable (e.g. acknowledged by Kafka); throws when it is not. */
    void released(String deploymentId, String location, List<String> packIds);
}
