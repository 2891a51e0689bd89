package org.chtbackup.storage;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.chtbackup.location.LocationSettings;
import org.chtbackup.storage.backlog.BacklogSettings;
import org.chtbackup.storage.resilience.ResilienceSettings;
import org.chtbackup.storage.retention.RetentionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the storage service ({@code storage.*}).
 *
 * @param locations   every location objects are written to, by name ({@code storage.locations.<name>.kind}, ...)
 * @param resilience  retry, circuit breaker, bulkhead and timeout per location ({@code storage.resilience.*})
 * @param backlog     how the per-location backlog is caught up ({@code storage.backlog.*})
 * @param retention   which snapshots prune keeps ({@code storage.retention.*})
 * @param eventSigningKey base64 Ed25519 private key ({@code storage-events.key}) that signs every
 *                    {@code SnapshotStored}; collectors act only on events it signed ({@code STORAGE_EVENT_SIGNING_KEY})
 * @param enforcePolicy refuse to start unless the locations meet 3-2-1 ({@code storage.enforce-policy}, default false:
 *                    a warning at start-up and in every status report)
 */
@Validated
@ConfigurationProperties("storage")
public record StorageProperties(
        @NotEmpty(message = "storage.locations needs at least one location") Map<String, LocationSettings> locations,
        ResilienceSettings resilience,
        BacklogSettings backlog,
        RetentionSettings retention,
        @NotBlank(message = "storage.event-signing-key is required (STORAGE_EVENT_SIGNING_KEY: storage-events.key"
                + " from keys generate): collectors trust only SnapshotStored events it signed") String eventSigningKey,
        boolean enforcePolicy) {

    public StorageProperties {
        resilience = resilience == null ? ResilienceSettings.defaults() : resilience;
        backlog = backlog == null ? BacklogSettings.defaults() : backlog;
        retention = retention == null ? RetentionSettings.defaults() : retention;
    }

    @Override
    public String toString() {
        return "StorageProperties[locations=" + locations.keySet() + ", enforcePolicy=" + enforcePolicy
                + ", event signing key not shown]";
    }
}
