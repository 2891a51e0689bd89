package org.chtbackup.verify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.chtbackup.location.LocationSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the verify service ({@code verify.*}).
 *
 * @param locations              the locations to drill, by name, as in storage ({@code verify.locations.<name>.*})
 * @param decryptionKeyFiles     armored OpenPGP secret keys of a recipient (ops or escrow)
 * @param decryptionKeyPassphrase passphrase of those keys, empty when unprotected
 * @param trustedSignerFiles     armored public keys of the crypto service: objects signed by anyone else fail
 * @param dataDir                verify's own durable state: the drill queue, the report label key, and by default
 *                               the reports and the scratch space (verify.yml: {@code VERIFY_DATA_DIR}, else
 *                               {@code ~/.cht-backup/verify})
 * @param scratchDir             where drills restore to; default {@code <data-dir>/scratch}
 * @param reportDir              where drill reports are written; default {@code <data-dir>/reports}
 * @param keepRestored           keep each drill's restored files (operators inspecting, tests); default false
 * @param drills                 how queued drills run ({@code verify.drills.*})
 * @param scratch                how drills boot a scratch CouchDB ({@code verify.scratch.*})
 * @param schedule               which drills run when ({@code verify.schedule.*})
 * @param repair                 where to ask storage for repairs ({@code verify.repair.*})
 * @param alerts                 webhooks told about drills that fail, stay incomplete or recover
 *                               ({@code verify.alerts.*})
 * @param restoreParallelism     packs a drill fetches, decrypts and writes at once ({@code verify.restore-parallelism},
 *                               default 4); each holds one pack (a few MiB) in memory
 */
@Validated
@ConfigurationProperties("verify")
public record VerifyProperties(
        @NotEmpty(message = "verify.locations needs at least one location") Map<String, LocationSettings> locations,
        @NotEmpty(message = "verify.decryption-key-files is required") List<Path> decryptionKeyFiles,
        String decryptionKeyPassphrase,
        @NotEmpty(message = "verify.trusted-signer-files is required") List<Path> trustedSignerFiles,
        @NotNull(message = "verify.data-dir is required (a folder verify keeps its queue and reports in)") Path dataDir,
        Path scratchDir,
        Path reportDir,
        @DefaultValue("false") boolean keepRestored,
        @DefaultValue @Valid Drills drills,
        @DefaultValue @Valid Scratch scratch,
        @DefaultValue @Valid Schedule schedule,
        @DefaultValue @Valid Repair repair,
        @DefaultValue @Valid Alerts alerts,
        @DefaultValue("4") @Min(value = 1, message = "verify.restore-parallelism must be at least 1")
        int restoreParallelism) {

    public VerifyProperties {
        scratchDir = scratchDir != null || dataDir == null ? scratchDir : dataDir.resolve("scratch");
        reportDir = reportDir != null || dataDir == null ? reportDir : dataDir.resolve("reports");
    }

    /** Where the durable drill queue lives. */
    public Path queueDir() {
        return dataDir.resolve("queue");
    }

    /**
     * @param concurrency     drills that run at once, each on its own thread (each needs scratch disk for a whole
     *                        snapshot); default 1
     * @param rememberDrilled how long a drill of a stored snapshot is remembered, so that Kafka delivering the
     *                        same snapshot-stored event again does not drill it twice; default 30 days
     */
    public record Drills(
            @DefaultValue("1") @Min(value = 1, message = "verify.drills.concurrency must be at least 1") int concurrency,
            @DefaultValue("30d") Duration rememberDrilled) {
    }

    /**
     * @param launchers         tried in order until one can run: {@code docker}, {@code process}; empty skips boots
     * @param dockerHost        the Docker engine verify starts scratch containers on
     * @param image             image of the scratch CouchDB; {@code {version}} is the manifest's CouchDB version
     * @param command           overrides the image's command (tests); empty for the official image
     * @param couchdbInstallDir a local Apache CouchDB installation for the {@code process} launcher
     * @param bootTimeout       how long a scratch CouchDB may take to answer {@code /_up}
     * @param sampleSize        documents (with their attachments) read back per database
     */
    public record Scratch(
            @DefaultValue({"docker", "process"}) List<String> launchers,
            @DefaultValue("unix:///var/run/docker.sock") String dockerHost,
            @DefaultValue("couchdb:{version}") String image,
            @DefaultValue({}) List<String> command,
            Path couchdbInstallDir,
            @DefaultValue("120s") Duration bootTimeout,
            @DefaultValue("5") @Min(value = 0, message = "verify.scratch.sample-size must be 0 or more") int sampleSize) {
    }

    /**
     * @param enabled             run scheduled drills at all
     * @param tick                how often the scheduler looks for due drills (the first look is one tick after start)
     * @param everyLocationPeriod each location of each deployment is drilled at least this often (default weekly)
     * @param newestPeriod        the newest snapshot of each deployment is drilled from one location this often
     * @param deployments         deployments to drill even before verify has seen one of their snapshots stored
     */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") Duration tick,
            @DefaultValue("7d") Duration everyLocationPeriod,
            @DefaultValue("1d") Duration newestPeriod,
            @DefaultValue({}) List<String> deployments) {
    }

    /**
     * @param url          storage's repair endpoint base URL; unset: repairs are only logged
     * @param redrillDelay how long after a repair request the failed location is drilled again
     */
    public record Repair(URI url, @DefaultValue("5m") Duration redrillDelay) {
    }

    /**
     * @param webhooks    URLs that get a JSON message (Slack- and Teams-compatible: a {@code text} field, the details
     *                    beside it) for every drill that FAILs or is INCOMPLETE, and when a location passes again
     * @param attempts    tries per message, with exponential backoff from {@code firstBackoff}
     * @param firstBackoff the wait before the second try
     */
    public record Alerts(@DefaultValue({}) List<URI> webhooks,
                         @DefaultValue("5") @Min(value = 1, message = "verify.alerts.attempts must be at least 1")
                         int attempts,
                         @DefaultValue("2s") Duration firstBackoff) {
    }

    @Override
    public String toString() {
        return "VerifyProperties[locations=" + locations.keySet() + ", dataDir=" + dataDir + ", scratchDir=" + scratchDir
                + ", reportDir=" + reportDir + "]";
    }
}
