package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.chtbackup.collector.appends.ReadHistory;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.livestats.LiveRead;
import org.chtbackup.collector.packing.PackBuilder;
import org.chtbackup.collector.plan.PlannedFile;
import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotFailed;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of one CHT host, one at a time. Reads CouchDB's live statistics, copies the planned files,
 * reads the statistics again, then sends the manifest last (its file list as chunks, its pack ids in bounded
 * pieces, then its small head: {@link ManifestSender}), only when every planned file was read and the broker
 * confirmed every pack: a failure anywhere before that sends no manifest, so nothing downstream can ever point at
 * a pack that was not sent. Ends with a {@code SnapshotCompleted} or {@code SnapshotFailed} event.
 */
public final class SnapshotRunner {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRunner.class);

    private final String deploymentId;
    private final SnapshotStages stages;
    private final FileCopier copier;
    private final ManifestSender manifests;
    private final ReadHistory reads;
    private final AtomicLong appendMismatches = new AtomicLong();
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private volatile LastRun lastRun;

    public SnapshotRunner(String deploymentId, SnapshotStages stages) {
        this.deploymentId = deploymentId;
        this.stages = stages;
        this.reads = new ReadHistory(stages.appendReads());
        this.copier = new FileCopier(stages.ids(), stages.sizes(), this::storedEverywhere, reads);
        this.manifests = new ManifestSender(stages.ids(), stages.sizes(), stages.sink(), this::storedEverywhere,
                stages.kafkaMaxMessageBytes());
    }

    private ChunkLocation storedEverywhere(String chunkId) {
        return stages.index() == null ? null : stages.index().locate(chunkId);
    }

    /** A new snapshot id: unique enough across a fleet, safe as a file name. */
    public static String newSnapshotId() {
        return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }

    /**
     * Runs a snapshot now, in the calling thread. Never throws for a failed snapshot: the result says why.
     *
     * @throws SnapshotInProgressException if another snapshot of this host is running in this process
     */
    public SnapshotResult run(String snapshotId, SnapshotProgress progress) {
        return run(snapshotId, progress, false);
    }

    /**
     * As {@link #run(String, SnapshotProgress)}; with {@code fullRead} every CouchDB file is read in full and
     * compared with what the append shortcut would have kept, as the scheduled full read does.
     */
    public SnapshotResult run(String snapshotId, SnapshotProgress progress, boolean fullRead) {
        if (!oneAtATime.tryLock()) {
            throw new SnapshotInProgressException(deploymentId);
        }
        Instant started = stages.clock().instant();
        Set<String> secretsSeen = new HashSet<>();
        boolean manifestPending = false;
        try (AutoCloseable hostLock = stages.lock().tryAcquire()) {
            if (hostLock == null) {
                throw new SnapshotInProgressException(deploymentId);
            }
            try (HostLayout layout = stages.discovery().get()) {
                secretsSeen.addAll(layout.secrets());
                ProgressReporter reporter = new ProgressReporter(deploymentId, snapshotId, progress, stages.events(),
                        stages.clock());
                LiveRead before = live(layout, "before");
                lastRun = new LastRun(started, layout.couchdb(), before == null ? Map.of() : sequences(before));
                List<PlannedFile> planned = stages.planner().plan(layout, progress::skipped);
                if (progress.filesSkipped() > 0) {
                    log.warn("snapshot {}/{}: {} host entries are not regular files and are not backed up, e.g. {}"
                            + " (all: GET /snapshots/{})", deploymentId, snapshotId, progress.filesSkipped(),
                            progress.skipped().entrySet().stream().limit(3).map(e -> e.getKey() + " (" + e.getValue()
                                    + ")").collect(Collectors.joining(", ")), snapshotId);
                }
                reads.retainOnly(planned.stream().map(FileCopier::key).collect(Collectors.toSet()));
                progress.planned(planned.size(), plannedBytes(planned));
                reporter.report(true);
                log.info("snapshot {}/{}: {} files, {} bytes planned (discovery: {})", deploymentId, snapshotId,
                        planned.size(), progress.bytesPlanned(), layout.facts().discovery());
                Map<String, ChunkLocation> located = new HashMap<>();
                PackBuilder packs = new PackBuilder(stages.packing(), stages.sink(), deploymentId, snapshotId);
                List<FileEntry> entries = new ArrayList<>(planned.size());
                long vanished = 0;
                for (PlannedFile file : planned) {
                    FileEntry entry = copier.copy(file, located, packs, progress, () -> reporter.report(false),
                            started, fullRead);
                    if (entry == null) {
                        vanished++;
                        log.info("snapshot {}/{}: {}/{} was deleted before it was copied; not in the manifest",
                                deploymentId, snapshotId, file.root().folder(), file.path());
                    } else {
                        entries.add(entry);
                    }
                    progress.fileDone();
                    reporter.report(false);
                }
                reportAppendReads(snapshotId, progress);
                LiveRead after = live(layout, "after");
                reporter.report(true);
                Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, deploymentId, snapshotId, started,
                        facts(layout.facts(), before != null ? before : after), entries,
                        before == null ? null : before.statistics(), after == null ? null : after.statistics(),
                        located);
                String manifestId = ObjectLayout.manifestId(started, snapshotId);
                ManifestSender.Prepared prepared = manifests.sendBody(manifest, located, packs, progress);
                if (stages.acks() != null) {
                    stages.acks().manifestSending(snapshotId, prepared.located());
                    manifestPending = true;
                }
                int pieces = manifests.sendListAndHead(deploymentId, snapshotId, manifestId, manifest, prepared);
                manifestPending = false;
                log.info("snapshot {}/{}: manifest sent naming {} chunks in {} pack(s) ({} new), pack list in {}"
                        + " piece(s), file list in {} chunk(s)", deploymentId, snapshotId, prepared.located().size(),
                        prepared.packIds().size(), packs.packsSent(), pieces, prepared.bodyChunks().size());
                SnapshotResult result = result(snapshotId, manifestId, started, progress, null);
                log.info("snapshot {}/{} sent: {} files ({} vanished), {} bytes read, {} chunks ({} bytes) sent",
                        deploymentId, snapshotId, entries.size(), vanished, progress.bytesRead(),
                        progress.chunksSent(), progress.bytesSent());
                SnapshotCompleted completed = new SnapshotCompleted(SnapshotCompleted.VERSION, deploymentId,
                        snapshotId, manifestId, entries.size(), vanished, progress.bytesRead(), progress.chunksSent(),
                        progress.bytesSent(), layout.facts().discovery(), started, result.finishedAt(),
                        progress.bytesKept(), progress.filesFromTail(), progress.filesReadInFull(),
                        progress.appendMismatches());
                publish(() -> stages.events().completed(completed));
                return result;
            }
        } catch (Exception e) {
            if (manifestPending) {
                stages.acks().manifestNotSent(snapshotId);
            }
            String reason = Reasons.of(e, secretsSeen);
            log.warn("snapshot {}/{} failed, no manifest sent: {}", deploymentId, snapshotId, reason);
            SnapshotResult result = result(snapshotId, null, started, progress, reason);
            publish(() -> stages.events().failed(new SnapshotFailed(SnapshotFailed.VERSION, deploymentId, snapshotId,
                    reason, started, result.finishedAt())));
            return result;
        } finally {
            oneAtATime.unlock();
        }
    }

    /**
     * Append-only files whose scheduled full read found bytes the shortcut would have kept unread, since this
     * process started: anything but 0 means the shortcut cannot be trusted on this host (alert, then set
     * {@code collector.append-reads.enabled=false}).
     */
    public long appendMismatches() {
        return appendMismatches.get();
    }

    private void reportAppendReads(String snapshotId, SnapshotProgress progress) {
        if (progress.filesReadInFull() + progress.filesFromTail() > 0) {
            log.info("snapshot {}/{}: {} append-only file(s) read in full, {} from their tail ({} bytes kept unread);"
                    + " why, for the first " + SnapshotProgress.LISTED + " read in full: {}", deploymentId, snapshotId, progress.filesReadInFull(),
                    progress.filesFromTail(), progress.bytesKept(), progress.readInFull().values().stream()
                            .collect(Collectors.groupingBy(r -> r, java.util.TreeMap::new, Collectors.counting())));
        }
        for (String file : progress.appendMismatches()) {
            appendMismatches.incrementAndGet();
            log.error("snapshot {}/{}: {} changed before the point where the append shortcut would have resumed;"
                    + " this snapshot read it in full, but shortcut reads of this host are suspect", deploymentId,
                    snapshotId, file);
        }
    }

    /** The snapshot started last in this process, if any. */
    public java.util.Optional<LastRun> lastRun() {
        return java.util.Optional.ofNullable(lastRun);
    }

    /** Each database's update_seq, the one figure that moves with every change. */
    public static Map<String, String> sequences(LiveRead read) {
        Map<String, String> out = new HashMap<>();
        read.statistics().databases().forEach((db, stats) -> out.put(db, String.valueOf(stats.updateSeq())));
        return out;
    }

    private LiveRead live(HostLayout layout, String when) {
        if (layout.couchdb() == null || stages.liveStats() == null) {
            return null;
        }
        try {
            return stages.liveStats().apply(layout.couchdb());
        } catch (RuntimeException e) {
            // The copy is still good without them; verify then says it could not compare with live figures.
            log.warn("live CouchDB statistics {} the copy not read: {}", when,
                    Reasons.of(e, layout.secrets()));
            return null;
        }
    }

    private static HostFacts facts(HostFacts found, LiveRead live) {
        if (live == null) {
            return found;
        }
        return new HostFacts(found.chtVersion(), live.couchdbVersion(),
                live.nodeName() != null ? live.nodeName() : found.nodeName(), found.composeProject(),
                found.clustered(), found.discovery());
    }

    private static long plannedBytes(List<PlannedFile> planned) {
        long total = 0;
        for (PlannedFile file : planned) {
            try {
                total += Files.size(file.source());
            } catch (IOException e) {
                // vanished since planned: handled when copied
            }
        }
        return total;
    }

    private static void publish(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            log.warn("could not publish the snapshot's final event: {}", e.getClass().getSimpleName());
        }
    }

    private SnapshotResult result(String snapshotId, String manifestId, Instant started, SnapshotProgress p,
                                  String failure) {
        return new SnapshotResult(deploymentId, snapshotId, manifestId, started, stages.clock().instant(),
                p.filesDone(), p.bytesRead(), p.chunksSent(), p.bytesSent(), failure);
    }
}
