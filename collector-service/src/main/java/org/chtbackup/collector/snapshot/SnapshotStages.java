package org.chtbackup.collector.snapshot;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.chtbackup.collector.appends.AppendReadSettings;
import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.dedup.ChunkIndex;
import org.chtbackup.collector.dedup.StoredAcknowledgements;
import org.chtbackup.collector.discovery.CouchDbEndpoint;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.livestats.LiveRead;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.collector.sealing.PartSink;

/**
 * What a {@link SnapshotRunner} is made of.
 *
 * @param discovery  finds the host's layout, once per snapshot
 * @param liveStats  reads CouchDB's live statistics; throws when CouchDB does not answer
 * @param index      chunks confirmed stored everywhere, never re-sent
 * @param acks       learns when a sent snapshot is stored everywhere
 * @param lock       one snapshot per host across processes
 * @param packing    pack size and compression
 * @param kafkaMaxMessageBytes the topics' message limit: pack lists are cut into pieces that fit it
 * @param appendReads whether append-only files are read from where their last read ended
 */
public record SnapshotStages(
        Supplier<HostLayout> discovery,
        SnapshotPlanner planner,
        Function<CouchDbEndpoint, LiveRead> liveStats,
        ChunkIds ids,
        ChunkSizes sizes,
        PackSettings packing,
        PartSink sink,
        ChunkIndex index,
        StoredAcknowledgements acks,
        SnapshotEvents events,
        HostLock lock,
        Clock clock,
        int kafkaMaxMessageBytes,
        AppendReadSettings appendReads) {
}
