package org.chtbackup.collector.sealing;

import java.util.List;

import org.chtbackup.contracts.events.PartKind;

/**
 * Where a snapshot's parts go. Implementations seal before anything leaves the process.
 *
 * <p>{@link #send} only hands a part over (it may block while too many are in flight); {@link #confirm} waits until
 * every part sent so far is durably with the broker. A snapshot confirms before it sends its pack lists and manifest,
 * and again after, so a manifest never goes out after a lost pack and a snapshot is reported sent only once it is.
 */
public interface PartSink {

    /**
     * Seals {@code length} bytes of {@code plaintext} from {@code offset} (the buffer may be reused as soon as this
     * returns) and hands the part to Kafka.
     *
     * @throws IllegalStateException when the part cannot be handed over (e.g. larger than the topic accepts)
     */
    void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> packIds,
              byte[] plaintext, int offset, int length, int listPieces);

    /**
     * Returns once every part sent so far is acknowledged by the broker.
     *
     * @throws IllegalStateException naming the first part the broker did not take
     */
    void confirm();
}
