package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chtbackup.collector.snapshot.SnapshotProgress;
import org.chtbackup.collector.snapshot.SnapshotResult;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.Topics;

import tools.jackson.databind.json.JsonMapper;

/** One snapshot of the fixture CHT host through the shared pipeline, and the drill of each location. */
final class SampleSnapshot {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static SampleSnapshot taken;

    final Pipeline pipeline;
    final SnapshotResult result;
    /** The collector's counters of the snapshot, including which CouchDB files it read in full and why. */
    final SnapshotProgress progress;
    final List<DrillCompleted> drills;

    static synchronized SampleSnapshot get() {
        if (taken == null) {
            taken = new SampleSnapshot(Pipeline.shared());
        }
        return taken;
    }

    /** A snapshot of the fixture through {@code pipeline}, waiting for every location's drill. */
    static SampleSnapshot take(Pipeline pipeline) {
        return new SampleSnapshot(pipeline);
    }

    private SampleSnapshot(Pipeline pipeline) {
        this.pipeline = pipeline;
        SnapshotTrigger trigger = pipeline.collector.getBean(SnapshotTrigger.class);
        String snapshotId = trigger.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (trigger.status(snapshotId).result() == null && Instant.now().isBefore(deadline)) {
            sleep();
        }
        result = trigger.status(snapshotId).result();
        progress = trigger.status(snapshotId).progress();
        assertThat(result).as("snapshot finished").isNotNull();
        assertThat(result.failure()).as("snapshot failure").isNull();
        List<ConsumerRecord<byte[], byte[]>> records = Topic.await(pipeline.kafka, Topics.DRILLS,
                pipeline.locations.size(), r -> drill(r).snapshotId().equals(snapshotId), Duration.ofMinutes(3));
        drills = records.stream().map(SampleSnapshot::drill)
                .sorted(Comparator.comparing(DrillCompleted::location)).toList();
    }

    /** Until the collector has heard that every location stored this snapshot: its chunks are then indexed. */
    void awaitIndexed() throws InterruptedException {
        Path pending = pipeline.work.resolve("collector-state/pending/" + result.snapshotId() + ".chunks");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Files.exists(pending) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(pending).as("acknowledgements of snapshot %s", result.snapshotId()).doesNotExist();
    }

    static DrillCompleted drill(ConsumerRecord<byte[], byte[]> record) {
        return JSON.readValue(record.value(), DrillCompleted.class);
    }

    DrillCompleted drillOf(String location) {
        return drills.stream().filter(d -> d.location().equals(location)).findFirst()
                .orElseThrow(() -> new AssertionError("no drill from location " + location + " in " + drills));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
