package org.chtbackup.location;

import java.net.URI;
import java.nio.file.Path;

/**
 * One location as written in configuration, under its name: {@code storage.locations.<name>.*} or
 * {@code verify.locations.<name>.*}. See {@link LocationSpec} for each field.
 */
public record LocationSettings(
        LocationSpec.Kind kind,
        URI endpoint,
        String bucket,
        String accessKey,
        String secretKey,
        String region,
        Path path,
        String media,
        Boolean offsite) {

    public LocationSpec toSpec(String name) {
        return new LocationSpec(name, kind, endpoint, bucket, accessKey, secretKey, region, path,
                media != null ? media : (kind == LocationSpec.Kind.FILESYSTEM ? "disk" : "object-store"),
                Boolean.TRUE.equals(offsite));
    }

    @Override
    public String toString() {
        return "LocationSettings[" + kind + " " + (endpoint != null ? endpoint + "/" + bucket : path) + "]";
    }
}
