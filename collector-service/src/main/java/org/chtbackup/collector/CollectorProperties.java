package org.chtbackup.collector;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.chtbackup.contracts.packs.PackCompression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the collector ({@code collector.*}).
 *
 * @param deploymentId       this CHT deployment's id in the fleet, e.g. {@code clinic-7} (lowercase, digits, '-')
 * @param hostRoot           where the host's filesystem is seen: {@code /} on the host, a mount in a container
 * @param envFile            host path of the CHT upgrade-service {@code .env}, used when Docker does not name it
 * @param tlsDir             host path holding {@code cert.pem}/{@code key.pem}, used without Docker
 * @param couchdbConfigDir   host path of the cht-credentials volume ({@code local.d}), used without Docker
 * @param couchdbUrl         where CouchDB answers HTTP; default: the CouchDB container's address (Docker), or none
 * @param composeProject     the CHT compose project; default: the only one running CHT services, else {@code cht}
 * @param dedupKey           base64 of at least 32 random bytes, fixed per deployment: names chunks for dedup
 * @param sealingPublicKey   base64 X25519 public key of the crypto service: parts are sealed to it
 * @param senderKey          base64 X25519 private key of this deployment ({@code keys sender}): crypto accepts parts
 *                           of this deployment only when sealed with it
 * @param storageEventKey    base64 Ed25519 public key of storage ({@code storage-events.pub}): only
 *                           {@code SnapshotStored} events it verifies stop chunks being sent
 * @param stateDir           local folder for the dedup index, pending acknowledgements, the host lock and the
 *                           short-lived copies of container files
 * @param requiredLocations  a chunk is not sent again once this many locations stored a snapshot naming it
 * @param schedule           cron expression (Spring's six fields, e.g. {@code 0 0 2 * * *}); empty: no schedule
 * @param rpo                change-driven snapshots ({@code collector.rpo.*}): the recovery point objective they keep
 * @param docker             the Docker engine used for discovery
 * @param packing          how chunks are packed: pack size and zstd level
 * @param sending          how many packs may wait for the broker's acknowledgement at once
 * @param kafkaMaxMessageBytes the topics' max.message.bytes: the largest sealed pack must fit in it
 * @param appendReads        {@code collector.append-reads.*}: read CouchDB files from where the last read ended
 */
@Validated
@ConfigurationProperties("collector")
public record CollectorProperties(
        @NotBlank(message = "collector.deployment-id is required") String deploymentId,
        @DefaultValue("/") Path hostRoot,
        @DefaultValue("/home/ubuntu/cht/upgrade-service/.env") Path envFile,
        Path tlsDir,
        Path couchdbConfigDir,
        URI couchdbUrl,
        String composeProject,
        @NotBlank(message = "collector.dedup-key is required (base64 of 32 random bytes)") String dedupKey,
        @NotBlank(message = "collector.sealing-public-key is required (the crypto service's public key)")
        String sealingPublicKey,
        @NotBlank(message = "collector.sender-key is required (this deployment's <id>.sender.key from keys sender;"
                + " crypto must have its public half registered)") String senderKey,
        @NotBlank(message = "collector.storage-event-key is required (storage-events.pub from keys generate)")
        String storageEventKey,
        @NotNull(message = "collector.state-dir is required") Path stateDir,
        @DefaultValue("3") @Min(value = 1, message = "collector.required-locations must be at least 1")
        int requiredLocations,
        String schedule,
        @NotNull @DefaultValue Rpo rpo,
        @NotNull @DefaultValue Docker docker,
        @NotNull @DefaultValue Chunking chunking,
        @NotNull @DefaultValue Packing packing,
        @NotNull @DefaultValue Sending sending,
        @NotNull @DefaultValue AppendReads appendReads,
        @DefaultValue("16777216") int kafkaMaxMessageBytes) {

    /**
     * @param targetBytes a pack is sent once it holds this many compressed bytes (default 4 MiB)
     * @param zstdLevel   zstd level of every chunk, 1 (fastest) to 19 (default 3, zstd's own)
     * @param zstdTuning  {@code couchdb} (default: the level's window and table, zstd's fast search for matches of 6
     *                    bytes or more; smaller and faster on CouchDB files at level 3) or {@code zstd} (the level's
     *                    own search, for levels above 3)
     */
    public record Packing(@DefaultValue("4194304") int targetBytes, @DefaultValue("3") int zstdLevel,
            @DefaultValue("couchdb") PackCompression.Tuning zstdTuning) {
    }

    /** @param maxInFlight packs handed to Kafka and not yet acknowledged, at most (memory: this many packs) */
    public record Sending(@DefaultValue("4") int maxInFlight) {
    }

    /**
     * @param enabled       read a {@code .couch} or {@code .view} file read before only from its last chunk on, when
     *                      it is the same file, has not shrunk and its earlier bytes check out (default true)
     * @param fullReadEvery read each of them in full at least this often, and compare (default 24h)
     */
    public record AppendReads(@DefaultValue("true") boolean enabled, @DefaultValue("24h") Duration fullReadEvery) {
    }

    /** Content-defined chunk sizes in bytes. */
    public record Chunking(@DefaultValue("32768") int min, @DefaultValue("131072") int average,
                           @DefaultValue("524288") int max) {
    }

    /**
     * @param enabled false to use configured paths only
     * @param host    the engine's address, e.g. {@code unix:///var/run/docker.sock}
     */
    /**
     * @param enabled poll CouchDB and snapshot on change (default true)
     * @param target  the recovery point objective: a committed document is in a stored snapshot within it (15m)
     * @param poll    how often CouchDB's update sequences are read (1m; at most a third of the target)
     */
    public record Rpo(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration target,
                      @DefaultValue("1m") Duration poll) {
    }

    public record Docker(@DefaultValue("true") boolean enabled,
                         @DefaultValue("unix:///var/run/docker.sock") String host) {
    }

    @Override
    public String toString() {
        return "CollectorProperties[deploymentId=" + deploymentId + ", hostRoot=" + hostRoot + ", envFile=" + envFile
                + ", stateDir=" + stateDir + "]";
    }
}
