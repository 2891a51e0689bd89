package org.chtbackup.location;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectAPIArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import okhttp3.OkHttpClient;

/**
 * Objects in a bucket of an S3-compatible store, through the MinIO Java SDK. A put is conditional
 * ({@code If-None-Match: *}, one request): an object already there under that key is the same object (keys are
 * content addresses or random pack ids), and the store answers 412 instead of writing it again. A store that ignores
 * the condition would overwrite silently, so the first put of each location checks once that the store honours it
 * and, if not, falls back to a HEAD before each PUT.
 *
 * <p>A PUT carries a CRC32 of the object, which the store checks, and an unsigned payload: the SDK would otherwise
 * hash every object with SHA-256 for the signature on a plain-HTTP endpoint (it already sends unsigned payloads over
 * HTTPS), and the store would read the whole body into memory to check that hash before writing it. The object is
 * authenticated end to end by its OpenPGP signature and MDC, which every restore and drill checks.
 */
final class S3Location implements Location {

    private final LocationSpec spec;
    private final MinioClient client;
    /** The same connections, for the PUT whose headers the synchronous client does not let us set (see class doc). */
    private final MinioAsyncClient writer;
    private volatile boolean bucketChecked;
    private volatile Boolean conditionalPut;

    S3Location(LocationSpec spec) {
        this.spec = spec;
        OkHttpClient http = Http.newDefaultClient();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(spec.endpoint().toString())
                .credentials(spec.accessKey(), spec.secretKey())
                .httpClient(http);
        MinioAsyncClient.Builder writerBuilder = MinioAsyncClient.builder()
                .endpoint(spec.endpoint().toString())
                .credentials(spec.accessKey(), spec.secretKey())
                .httpClient(http);
        if (spec.region() != null && !spec.region().isBlank()) {
            builder.region(spec.region());
            writerBuilder.region(spec.region());
        }
        this.client = builder.build();
        this.writer = writerBuilder.build();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void prepare() {
        ensureBucket();
        conditionalPutHonoured();
    }

    @Override
    public boolean put(String key, byte[] object) {
        ensureBucket();
        if (!conditionalPutHonoured()) {
            if (exists(key)) {
                return false;
            }
            return putOnce(key, object, false);
        }
        return putOnce(key, object, true);
    }

    /** Writes the object; with {@code ifAbsent}, false when the store already had the key (412). */
    private boolean putOnce(String key, byte[] object, boolean ifAbsent) {
        return call("PUT", key, () -> {
            // From the array, one PUT, never a multipart upload: packs are a few MiB, and the condition must hold for
            // the whole object.
            PutObjectAPIArgs args = PutObjectAPIArgs.builder().bucket(spec.bucket()).object(key)
                    .data(object, object.length)
                    .headers(putHeaders(object, ifAbsent))
                    .contentType("application/pgp-encrypted")
                    .build();
            try {
                writer.putObject(args).join();
                return true;
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ErrorResponseException ere && ifAbsent && isPreconditionFailed(ere)) {
                    return false;
                }
                if (cause instanceof MinioException minio) {
                    throw minio;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new MinioException(cause);
            }
        });
    }

    /**
     * An unsigned payload with its CRC32 (java.util.zip's, intrinsic; the SDK's default CRC32C goes byte by byte in
     * Java), so the SDK hashes nothing more (class doc).
     */
    private static Http.Headers putHeaders(byte[] object, boolean ifAbsent) throws MinioException {
        Checksum.Hasher crc = Checksum.Algorithm.CRC32.hasher();
        crc.update(object, 0, object.length);
        Http.Headers headers = new Http.Headers();
        headers.put(Http.Headers.X_AMZ_CONTENT_SHA256, Checksum.UNSIGNED_PAYLOAD);
        headers.put(Checksum.Algorithm.CRC32.header(), Checksum.base64String(crc.sum()));
        headers.put(Http.Headers.X_AMZ_SDK_CHECKSUM_ALGORITHM, Checksum.Algorithm.CRC32.toString());
        if (ifAbsent) {
            headers.put("If-None-Match", "*");
        }
        return headers;
    }

    /**
     * Whether this store refuses a conditional put of an existing key: checked once, with a small probe object
     * under {@code .cht-backup/} (never a deployment's prefix).
     */
    private boolean conditionalPutHonoured() {
        Boolean known = conditionalPut;
        if (known != null) {
            return known;
        }
        String probe = ".cht-backup/conditional-put-probe";
        putOnce(probe, new byte[] {1}, true);
        boolean honoured = !putOnce(probe, new byte[] {2}, true);
        conditionalPut = honoured;
        return honoured;
    }

    @Override
    public InputStream get(String key) {
        return call("GET", key, () -> {
            try {
                return client.getObject(GetObjectArgs.builder().bucket(spec.bucket()).object(key).build());
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    throw new ObjectNotFoundException(spec.name(), key);
                }
                throw e;
            }
        });
    }

    @Override
    public boolean exists(String key) {
        return call("HEAD", key, () -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(spec.bucket()).object(key).build());
                return true;
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<String> list(String prefix) {
        return call("LIST", prefix, () -> {
            List<String> keys = new ArrayList<>();
            try {
                for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(spec.bucket())
                        .prefix(prefix).recursive(true).build())) {
                    Item item = result.get();
                    if (!item.isDir()) {
                        keys.add(item.objectName());
                    }
                }
            } catch (ErrorResponseException e) {
                if ("NoSuchBucket".equals(e.errorResponse().code())) {
                    return List.of();
                }
                throw e;
            }
            keys.sort(null);
            return keys;
        });
    }

    @Override
    public void delete(String key) {
        call("DELETE", key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(spec.bucket()).object(key).build());
            return null;
        });
    }

    private void ensureBucket() {
        if (bucketChecked) {
            return;
        }
        call("CREATE BUCKET", spec.bucket(), () -> {
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(spec.bucket()).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(spec.bucket()).build());
                }
            } catch (ErrorResponseException e) {
                if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                    throw e;
                }
            }
            return null;
        });
        bucketChecked = true;
    }

    private static boolean isPreconditionFailed(ErrorResponseException e) {
        return "PreconditionFailed".equals(e.errorResponse().code())
                || (e.response() != null && e.response().code() == 412);
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || "NoSuchBucket".equals(code);
    }

    /** One S3 call: every SDK failure (checked, or unchecked wrapping an I/O error) becomes a LocationException. */
    private <T> T call(String operation, String key, S3Call<T> call) {
        try {
            return call.run();
        } catch (LocationException e) {
            throw e;
        } catch (MinioException | RuntimeException e) {
            throw failure(operation, key, e);
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws MinioException;
    }

    private LocationException failure(String operation, String key, Exception e) {
        boolean permanent = false;
        String detail = e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName();
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse().code();
            detail = code;
            permanent = "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code) || "NoSuchBucket".equals(code);
        }
        String hint = permanent ? " — check storage.locations." + spec.name() + " credentials and bucket"
                : " — is " + spec.endpoint() + " reachable?";
        return new LocationException("location '" + spec.name() + "' failed " + operation + " " + key + ": " + detail
                + hint, !permanent, e);
    }
}
