package org.chtbackup.collector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.chtbackup.collector.appends.AppendReadSettings;
import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.dedup.ChunkIndex;
import org.chtbackup.collector.dedup.StoredAcknowledgements;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.collector.snapshot.HostLock;
import org.chtbackup.collector.snapshot.SnapshotEvents;
import org.chtbackup.collector.snapshot.SnapshotProgress;
import org.chtbackup.collector.snapshot.SnapshotResult;
import org.chtbackup.collector.snapshot.SnapshotRunner;
import org.chtbackup.collector.snapshot.SnapshotStages;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.manifest.HostFacts;

/**
 * {@code DedupBenchmark <work dir> [MiB]}: writes a CHT-shaped CouchDB-like data directory of about 1 GiB,
 * snapshots it, appends 1% to every {@code .couch} file, snapshots again, and prints the bytes each snapshot
 * sent and the peak heap. Parts go to a counting {@link PartSink} (no sealing, no Kafka): this measures the
 * collector's chunking and dedup, not the broker.
 */
public final class DedupBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Path data = work.resolve("couchdb");
        Map<Path, CouchLikeWriter> writers = generate(data, mib * 1024 * 1024);
        long total = size(data);
        System.out.printf("data: %d files, %,d bytes%n", writers.size(), total);

        AtomicLong sent = new AtomicLong();
        AtomicLong chunks = new AtomicLong();
        AtomicLong manifestBytes = new AtomicLong();
        PartSink counting = new PartSink() {
            @Override
            public void send(String deploymentId, String snapshotId, PartKind kind, String objectId,
                             List<String> packIds, byte[] plaintext, int offset, int length, int pieces) {
                if (kind == PartKind.PACK) {
                    sent.addAndGet(length);
                    chunks.incrementAndGet();
                } else {
                    manifestBytes.addAndGet(length + packIds.size() * 67L);
                }
            }

            @Override
            public void confirm() {
            }
        };
        Path state = work.resolve("state");
        ChunkIds ids = new ChunkIds(new byte[32]);
        ChunkIndex index = ChunkIndex.open(state.resolve("chunk-index"), ids.keyFingerprint());
        StoredAcknowledgements acks = new StoredAcknowledgements("bench", state, index, 3);
        HostLayout layout = new HostLayout(Map.of(), Map.of("", data),
                new HostFacts(null, null, null, "cht", false, "configured-paths"), null, Set.of(), null);
        SnapshotRunner runner = new SnapshotRunner("bench", new SnapshotStages(() -> layout, new SnapshotPlanner(),
                null, ids, ChunkSizes.DEFAULT, PackSettings.DEFAULT, counting, index, acks, SnapshotEvents.NONE, new HostLock(state),
                Clock.systemUTC(), 4 * 1024 * 1024, AppendReadSettings.DEFAULT));

        SnapshotResult first = measure("first snapshot", runner, "bench1", sent, chunks, total);
        System.out.printf("  manifest head and chunk list events: about %,d bytes in all before sealing%n", manifestBytes.get());
        for (String location : List.of("primary", "offsite", "nas")) {
            acks.stored(new SnapshotStored(SnapshotStored.VERSION, "bench", "bench1", location, "k", 1, Instant.now()));
        }
        long appended = 0;
        for (Map.Entry<Path, CouchLikeWriter> w : writers.entrySet()) {
            if (w.getKey().toString().endsWith(".couch")) {
                long before = Files.size(w.getKey());
                appended += w.getValue().append(w.getKey(), Math.max(1, before / 100)) - before;
            }
        }
        long total2 = size(data);
        System.out.printf("appended %,d bytes (%.2f%% of the data) to every .couch file%n", appended,
                100.0 * appended / total);
        sent.set(0);
        chunks.set(0);
        SnapshotResult second = measure("second snapshot", runner, "bench2", sent, chunks, total2);
        System.out.printf("second snapshot sent new chunks of %.2f%% of the data (%,d of %,d bytes before compression)%n",
                100.0 * second.bytesSent() / total2, second.bytesSent(), total2);
        if (first.failure() != null || second.failure() != null) {
            System.exit(1);
        }
    }

    private static SnapshotResult measure(String what, SnapshotRunner runner, String id, AtomicLong sent,
                                          AtomicLong chunks, long total) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        SnapshotResult result = runner.run(id, new SnapshotProgress());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s: %s, read %,d bytes in %.1f s (%.0f MiB/s), sent %,d packs / %,d compressed bytes, "
                        + "peak heap %,d MiB (max heap %,d MiB)%n", what, result.failure() == null ? "ok" : result.failure(),
                result.bytesRead(), seconds, result.bytesRead() / seconds / 1048576, chunks.get(), sent.get(),
                peak / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
        return result;
    }

    /** A CHT-like layout: 12 medic shards and their views hold most bytes; sentinel, users and logs the rest. */
    private static Map<Path, CouchLikeWriter> generate(Path data, long bytes) throws IOException {
        Map<Path, CouchLikeWriter> writers = new java.util.LinkedHashMap<>();
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long lo = 0x100000000L * i / 12;
            long hi = 0x100000000L * (i + 1) / 12 - 1;
            ranges.add(String.format("%08x-%08x", lo, hi));
        }
        long seed = 1;
        for (String range : ranges) {
            file(writers, data.resolve("shards/" + range + "/medic.1700000000.couch"), seed++, bytes * 70 / 100 / 12);
            file(writers, data.resolve(".shards/" + range + "/medic.1700000000_design/mrview/" + Long.toHexString(seed)
                    + "abcdef0123456789abcdef0123.view"), seed++, bytes * 14 / 100 / 12);
            file(writers, data.resolve("shards/" + range + "/medic-sentinel.1700000000.couch"), seed++, bytes * 8 / 100 / 12);
        }
        for (String db : List.of("medic-logs", "medic-users-meta", "_users", "medic-audit", "medic-user-chw1-meta")) {
            file(writers, data.resolve("shards/00000000-7fffffff/" + db + ".1700000000.couch"), seed++, bytes * 4 / 100 / 5 / 2);
            file(writers, data.resolve("shards/80000000-ffffffff/" + db + ".1700000000.couch"), seed++, bytes * 4 / 100 / 5 / 2);
        }
        file(writers, data.resolve("_dbs.couch"), seed++, 64 * 1024);
        file(writers, data.resolve("_nodes.couch"), seed, 8 * 1024);
        return writers;
    }

    private static void file(Map<Path, CouchLikeWriter> writers, Path file, long seed, long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        CouchLikeWriter writer = new CouchLikeWriter(seed, 0);
        writer.append(file, bytes);
        writers.put(file, writer);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
