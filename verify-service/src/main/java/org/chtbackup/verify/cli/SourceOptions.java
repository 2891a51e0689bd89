package org.chtbackup.verify.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.verify.VerifyKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the snapshot is and the keys to read it: one location, a recipient secret key, the signer's public key. */
final class SourceOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--path", paramLabel = "<dir>", description = "A filesystem location (disk, NAS mount).")
        Path path;

        @Option(names = "--s3-endpoint", paramLabel = "<url>", description = "An S3-compatible location's endpoint.")
        URI endpoint;
    }

    @Option(names = "--bucket", description = "S3 bucket.")
    String bucket;

    @Option(names = "--access-key", description = "S3 access key. The secret key is read from CHT_BACKUP_S3_SECRET_KEY.")
    String accessKey;

    @Option(names = "--region", description = "S3 region, if the store needs one.")
    String region;

    @Option(names = "--key", required = true, paramLabel = "<secret.asc>",
            description = "Armored OpenPGP secret key of a recipient (ops or escrow). Passphrase: CHT_BACKUP_KEY_PASSPHRASE.")
    List<Path> keys;

    @Option(names = "--signer", required = true, paramLabel = "<public.asc>",
            description = "Armored public key of the crypto service: objects signed by anyone else are refused.")
    List<Path> signers;

    /**
     * One pack per core, at least two: on 2 cores, 4 at once restored the bench's 1.3 GB from a disk in 3.8 s and 2
     * in 3.5 s (more threads only share the cores, each starting in the interpreter); from S3, 2 to 4 were alike.
     */
    @Option(names = "--parallel", paramLabel = "<n>",
            description = "Packs fetched, decrypted and written at once (default: the number of CPUs, at least 2;"
                    + " here ${DEFAULT-VALUE}).")
    int parallel = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = {"-d", "--deployment"}, required = true, description = "Deployment id, e.g. clinic-7.")
    String deployment;

    Location location() {
        if (where.path != null) {
            return new LocationSpec("restore-source", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                    where.path, "disk", false).open();
        }
        return new LocationSpec("restore-source", LocationSpec.Kind.S3, where.endpoint, bucket, accessKey,
                System.getenv("CHT_BACKUP_S3_SECRET_KEY"), region, null, "object-store", false).open();
    }

    ObjectDecryptor decryptor() throws IOException {
        return VerifyKeys.decryptor(keys, System.getenv("CHT_BACKUP_KEY_PASSPHRASE"), signers);
    }
}
