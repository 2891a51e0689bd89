package org.chtbackup.collector.snapshot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.chtbackup.collector.appends.AppendReadSettings;
import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.dedup.ChunkIndex;
import org.chtbackup.collector.dedup.StoredAcknowledgements;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.livestats.CouchDbStatistics;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.contracts.packs.PackCompression;

/** A collector over a host folder with configured-paths discovery, the real index and recording sink/events. */
public final class TestCollector {

    public static final String DEPLOYMENT = "clinic-test";
    public static final byte[] DEDUP_KEY = new byte[32];

    public final RecordingSink sink;
    /** Small, so that even the fixture's snapshot cuts its chunk list into several pieces. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** The smallest packs, so that a test's few megabytes make many packs and each random chunk fills one. */
    public static final PackSettings PACKING = new PackSettings(64 * 1024, 3, PackCompression.Tuning.COUCHDB);

    public final RecordingEvents events = new RecordingEvents();
    public final ChunkIndex index;
    public final StoredAcknowledgements acks;
    public final SnapshotRunner runner;

    public TestCollector(Path hostRoot, Path stateDir, RecordingSink sink, URI couchdbUrl) {
        this(() -> new ConfiguredPathsDiscovery(hostRoot, Path.of("/home/ubuntu/cht/upgrade-service/.env"),
                Path.of("/nginx-private"), null, couchdbUrl).discover(), stateDir, sink, ChunkSizes.DEFAULT);
    }

    public TestCollector(Supplier<HostLayout> discovery, Path stateDir, RecordingSink sink, ChunkSizes sizes) {
        this(discovery, stateDir, sink, sizes, PACKING, MAX_MESSAGE_BYTES);
    }

    public TestCollector(Supplier<HostLayout> discovery, Path stateDir, RecordingSink sink, ChunkSizes sizes,
                         PackSettings packing, int maxMessageBytes) {
        this(discovery, stateDir, sink, sizes, packing, maxMessageBytes, Clock.systemUTC(), AppendReadSettings.DEFAULT);
    }

    public TestCollector(Supplier<HostLayout> discovery, Path stateDir, RecordingSink sink, ChunkSizes sizes,
                         PackSettings packing, int maxMessageBytes, Clock clock, AppendReadSettings appendReads) {
        this.sink = sink;
        ChunkIds ids = new ChunkIds(DEDUP_KEY);
        this.index = ChunkIndex.open(stateDir.resolve("chunk-index"), ids.keyFingerprint());
        this.acks = new StoredAcknowledgements(DEPLOYMENT, stateDir, index, 3);
        CouchDbStatistics stats = new CouchDbStatistics(Clock.systemUTC(), Duration.ofSeconds(10));
        this.runner = new SnapshotRunner(DEPLOYMENT, new SnapshotStages(discovery, new SnapshotPlanner(), stats::read,
                ids, sizes, packing, sink, index, acks, events, new HostLock(stateDir), clock,
                maxMessageBytes, appendReads));
    }

    public SnapshotResult snapshot(String snapshotId) {
        return runner.run(snapshotId, new SnapshotProgress());
    }

    public SnapshotResult snapshot(String snapshotId, SnapshotProgress progress) {
        return runner.run(snapshotId, progress);
    }
}
