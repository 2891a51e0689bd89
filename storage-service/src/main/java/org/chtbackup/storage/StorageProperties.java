package org.chtbackup.storage;

import java.util.Map;

import jakarta.validation.constraints.NotEmpty;

import org.chtbackup.location.LocationSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the storage service ({@code storage.*}).
 *
 * @param locations every location objects are written to, by name ({@code storage.locations.<name>.kind}, ...)
 */
@Validated
@ConfigurationProperties("storage")
public record StorageProperties(
        @NotEmpty(message = "storage.locations needs at least one location") Map<String, LocationSettings> locations) {
}
