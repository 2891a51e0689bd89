package org.chtbackup.crypto.encryption;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.chtbackup.contracts.sealing.SealedPayloadException;
import org.chtbackup.crypto.senders.UnregisteredSenderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the parts crypto refuses, by reason, in {@code cht_backup_crypto_parts_refused_total{reason}}, which the alert
 * {@code ChtBackupPartsRefused} watches: a forged part, an unregistered host or a collector older than this service
 * shows there at once, not only in the dead-letter topic. No deployment tag: a forged part can name any deployment,
 * and each would become a time series.
 */
public final class PartRefusals {

    private static final Logger log = LoggerFactory.getLogger(PartRefusals.class);

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PartRefusals(MeterRegistry meters) {
        this.meters = meters;
        for (String reason : new String[] {"unregistered-sender", "not-authentic", "malformed", "rejected"}) {
            counter(reason);
        }
    }

    /** Counts {@code failure} if it refuses the part for good, and returns it for the binding to dead-letter. */
    public RuntimeException refused(RuntimeException failure) {
        String reason = reason(failure);
        if (reason != null) {
            counter(reason).increment();
            // Messages name deployments, snapshots, objects and key fingerprints: never content or key material.
            log.warn("part refused ({}), dead-lettered: {}", reason, failure.getMessage());
        }
        return failure;
    }

    private static String reason(RuntimeException failure) {
        if (failure instanceof UnregisteredSenderException) {
            return "unregistered-sender";
        }
        if (failure instanceof SealedPayloadException) {
            return "not-authentic";
        }
        if (failure instanceof PartRejectedException) {
            return "rejected";
        }
        if (failure instanceof IllegalArgumentException) {
            return "malformed";
        }
        return null; // transient (I/O, Kafka): retried, not a refusal
    }

    private Counter counter(String reason) {
        return counters.computeIfAbsent(reason, r -> Counter.builder("cht.backup.crypto.parts.refused").tag("reason", r)
                .description("snapshot parts refused and dead-lettered, by reason").register(meters));
    }
}
