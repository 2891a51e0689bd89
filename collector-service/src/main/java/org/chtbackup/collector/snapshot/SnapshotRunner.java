package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.plan.PlannedFile;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of one CHT host, one at a time. The manifest is sent last and only when every planned file
 * was read and every new chunk was handed to Kafka: a failure anywhere before that sends no manifest, so
 * nothing downstream can ever point at a chunk that was not sent.
 */
public final class SnapshotRunner {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRunner.class);

    private final String deploymentId;
    private final Supplier<HostLayout> discovery;
    private final SnapshotPlanner planner;
    private final FileCopier copier;
    private final PartSink sink;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public SnapshotRunner(String deploymentId, Supplier<HostLayout> discovery, SnapshotPlanner planner, ChunkIds ids,
                          ChunkSizes sizes, PartSink sink, Clock clock) {
        this.deploymentId = deploymentId;
        this.discovery = discovery;
        this.planner = planner;
        this.copier = new FileCopier(ids, sizes, sink);
        this.sink = sink;
        this.clock = clock;
    }

    /** A new snapshot id: time-ordered and unique enough across a fleet. */
    public static String newSnapshotId() {
        return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }

    /**
     * Runs a snapshot now, in the calling thread.
     *
     * @throws SnapshotInProgressException if another snapshot of this host is running
     */
    public SnapshotResult run(String snapshotId, SnapshotProgress progress) {
        if (!oneAtATime.tryLock()) {
            throw new SnapshotInProgressException(deploymentId);
        }
        Instant started = clock.instant();
        try {
            HostLayout layout = discovery.get();
            List<PlannedFile> planned = planner.plan(layout);
            progress.planned(planned.size());
            log.info("snapshot {}/{}: {} files planned (discovery: {})", deploymentId, snapshotId, planned.size(),
                    layout.facts().discovery());
            Set<String> known = new HashSet<>();
            List<FileEntry> entries = new ArrayList<>(planned.size());
            for (PlannedFile file : planned) {
                entries.add(copier.copy(deploymentId, snapshotId, file, known, progress));
                progress.fileDone();
            }
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, deploymentId, snapshotId, started, layout.facts(),
                    entries, null, null);
            String manifestId = ObjectLayout.manifestId(started, snapshotId);
            sink.send(deploymentId, snapshotId, PartKind.MANIFEST, manifestId, manifest.chunkIds(),
                    ManifestCodec.write(manifest));
            Instant finished = clock.instant();
            log.info("snapshot {}/{} sent: {} files, {} bytes read, {} chunks ({} bytes) sent in {} ms", deploymentId,
                    snapshotId, entries.size(), progress.bytesRead(), progress.chunksSent(), progress.bytesSent(),
                    finished.toEpochMilli() - started.toEpochMilli());
            return result(snapshotId, manifestId, started, progress, null);
        } catch (IOException | RuntimeException e) {
            log.warn("snapshot {}/{} failed, no manifest sent: {}", deploymentId, snapshotId, e.getMessage());
            return result(snapshotId, null, started, progress, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            oneAtATime.unlock();
        }
    }

    private SnapshotResult result(String snapshotId, String manifestId, Instant started, SnapshotProgress p,
                                  String failure) {
        return new SnapshotResult(deploymentId, snapshotId, manifestId, started, clock.instant(), p.filesDone(),
                p.bytesRead(), p.chunksSent(), p.bytesSent(), failure);
    }
}
