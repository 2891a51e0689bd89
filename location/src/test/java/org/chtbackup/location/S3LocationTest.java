package org.chtbackup.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import org.chtbackup.location.testing.TestS3Server;
import org.chtbackup.location.testing.WireRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real S3 server (MinIO where Docker has it, s3proxy otherwise). */
class S3LocationTest extends LocationContractTest {

    @TempDir
    static Path data;
    static TestS3Server server;
    private Location location;
    private static int bucket;

    @BeforeAll
    static void startServer() {
        server = TestS3Server.start(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() {
        location = server.location("primary", "contract-" + (++bucket), false).open();
    }

    @Override
    Location location() {
        return location;
    }

    @Test
    void aLocationThatIsDownIsARetryableFailureNamingIt() {
        Location down = new LocationSpec("offsite", LocationSpec.Kind.S3, URI.create("http://127.0.0.1:1"), "bucket-b",
                "offsite-access-key", "offsite-s3cret-value", null, null, "object-store", true).open();
        assertThatThrownBy(() -> down.exists("d/chunks/aa/aa"))
                .isInstanceOfSatisfying(LocationException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("offsite").hasMessageNotContaining("offsite-s3cret-value")
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("offsite-s3cret-value"));
    }

    @Test
    void aConditionalPutOfAnExistingKeyWritesNothingInOneRequest() throws Exception {
        location.put("d9/packs/ab/ab01", "first".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(location.put("d9/packs/ab/ab01", "second".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isFalse();
        try (var in = location.get("d9/packs/ab/ab01")) {
            assertThat(in.readAllBytes()).asString().isEqualTo("first");
        }
        assertThat(location.list("d9/")).containsExactly("d9/packs/ab/ab01");
    }

    @Test
    void preparedBeforeAnyWriteTheBucketExistsAndTheProbeIsWrittenOnce() {
        Location fresh = server.location("primary", "prepared-" + (++bucket), false).open();

        fresh.prepare();
        fresh.prepare();

        assertThat(fresh.list("")).containsExactly(".cht-backup/conditional-put-probe");
        assertThat(fresh.put("d9/packs/ab/ab02", new byte[] {7})).isTrue();
        assertThat(fresh.put("d9/packs/ab/ab02", new byte[] {8})).isFalse();
    }

    @Test
    void anInvalidBucketNameIsRefusedAtConfigurationNamingIt() {
        assertThatThrownBy(() -> server.location("primary", "B", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket 'B'");
    }

    @Test
    void wrongCredentialsArePermanentAndPointAtTheSetting() {
        Location wrong = new LocationSpec("primary", LocationSpec.Kind.S3, server.endpoint(), "contract-x",
                TestS3Server.ACCESS_KEY, "not-the-secret", null, null, "object-store", false).open();
        assertThatThrownBy(() -> wrong.put("d/chunks/aa/aa", new byte[] {1}))
                .isInstanceOfSatisfying(LocationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("storage.locations.primary").hasMessageNotContaining("not-the-secret");
    }

    @Test
    void aPutIsAnUnsignedPayloadWithTheObjectsCrc32() throws Exception {
        byte[] object = new byte[1 << 20];
        new Random(7).nextBytes(object);
        String bucketName = "wire-" + (++bucket);
        try (WireRelay relay = WireRelay.to(server.endpoint())) {
            Location viaRelay = server.location("primary", bucketName, false, relay.endpoint()).open();

            assertThat(viaRelay.put("d9/packs/ab/ab03", object)).isTrue();

            String head = relay.headOf("/" + bucketName + "/d9/packs/ab/ab03").toLowerCase(java.util.Locale.ROOT);
            assertThat(head).startsWith("put ")
                    .contains("x-amz-content-sha256: unsigned-payload")
                    .contains("x-amz-checksum-crc32: " + crc32(object).toLowerCase(java.util.Locale.ROOT));
            try (var in = viaRelay.get("d9/packs/ab/ab03")) {
                assertThat(in.readAllBytes()).isEqualTo(object);
            }
        }
    }

    @Test
    void aBodyChangedOnTheWayIsRefusedByTheStoreAndNothingIsStored() throws Exception {
        byte[] object = new byte[256 * 1024];
        new Random(11).nextBytes(object);
        String bucketName = "wire-" + (++bucket);
        try (WireRelay relay = WireRelay.to(server.endpoint())) {
            Location viaRelay = server.location("primary", bucketName, false, relay.endpoint()).open();
            viaRelay.prepare();
            relay.damageBodiesOfRequestsContaining(" /" + bucketName + "/d9/packs/ab/ab04 ");

            assertThatThrownBy(() -> viaRelay.put("d9/packs/ab/ab04", object))
                    .isInstanceOf(LocationException.class).hasMessageContaining("PUT d9/packs/ab/ab04");

            assertThat(viaRelay.exists("d9/packs/ab/ab04")).isFalse();
        }
    }

    private static String crc32(byte[] object) {
        CRC32 crc = new CRC32();
        crc.update(object);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
