package org.chtbackup.location;

import java.net.URI;
import java.nio.file.Path;

/**
 * How to reach one location, and what it counts for in the 3-2-1 rule.
 *
 * @param name      unique name used in reports and messages, e.g. {@code primary}
 * @param kind      S3 (any S3-compatible store) or FILESYSTEM (a local disk or NAS mount)
 * @param endpoint  S3 endpoint URL; unused for FILESYSTEM
 * @param bucket    S3 bucket, created when missing; unused for FILESYSTEM
 * @param accessKey S3 access key
 * @param secretKey S3 secret key; never printed
 * @param region    S3 region, may be null
 * @param path      FILESYSTEM directory; unused for S3
 * @param media     media class for 3-2-1, e.g. {@code object-store}, {@code disk}, {@code tape}
 * @param offsite   whether this location is away from the CHT hosts' site
 */
public record LocationSpec(
        String name,
        Kind kind,
        URI endpoint,
        String bucket,
        String accessKey,
        String secretKey,
        String region,
        Path path,
        String media,
        boolean offsite) {

    public enum Kind { S3, FILESYSTEM }

    public LocationSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a location needs a name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("location '" + name + "' needs a kind: S3 or FILESYSTEM");
        }
        if (kind == Kind.S3 && (endpoint == null || bucket == null || bucket.isBlank())) {
            throw new IllegalArgumentException("location '" + name + "' is S3: endpoint and bucket are required");
        }
        if (kind == Kind.S3 && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("location '" + name + "' bucket '" + bucket
                    + "' is not a valid S3 bucket name: 3-63 lowercase letters, digits, '.' or '-'");
        }
        if (kind == Kind.FILESYSTEM && path == null) {
            throw new IllegalArgumentException("location '" + name + "' is FILESYSTEM: path is required");
        }
    }

    /** Opens a client for this location. */
    public Location open() {
        return switch (kind) {
            case S3 -> new S3Location(this);
            case FILESYSTEM -> new FilesystemLocation(name, path);
        };
    }

    @Override
    public String toString() {
        return "LocationSpec[" + name + " " + kind + " " + (kind == Kind.S3 ? endpoint + "/" + bucket : path)
                + " media=" + media + " offsite=" + offsite + "]";
    }
}
