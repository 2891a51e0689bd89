package org.chtbackup.contracts.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.chtbackup.contracts.events.SnapshotStored;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SignedStoredEventsTest {

    private static final EventSigningKeys STORAGE = EventSigningKeys.generate();
    private static final EventSigner SIGNER = new EventSigner(STORAGE.privateKey());
    private static final EventVerifier VERIFIER = new EventVerifier(STORAGE.publicKey());
    private static final Instant AT = Instant.parse("2026-12-05T02:00:00.123456789Z");

    private static SnapshotStored event() {
        return new SnapshotStored(1, "clinic-7", "20261205T020000Z-ab12", "offsite",
                "deployments/clinic-7/manifests/m.json.gpg", 42, AT);
    }

    @Test
    void anEventStorageSignedVerifiesAndSurvivesJson() {
        SnapshotStored signed = event().signedBy(SIGNER);
        JsonMapper json = JsonMapper.builder().build();

        assertThat(signed.version()).isEqualTo(SnapshotStored.VERSION);
        assertThat(signed.isSignedFor(VERIFIER)).isTrue();
        assertThat(json.readValue(json.writeValueAsBytes(signed), SnapshotStored.class).isSignedFor(VERIFIER)).isTrue();
    }

    @Test
    void changingAnyFieldBreaksTheSignature() {
        SnapshotStored s = event().signedBy(SIGNER);
        List<SnapshotStored> changed = List.of(
                new SnapshotStored(2, "clinic-8", s.snapshotId(), s.location(), s.manifestKey(), 42, AT, s.signature()),
                new SnapshotStored(2, "clinic-7", s.snapshotId() + "x", s.location(), s.manifestKey(), 42, AT, s.signature()),
                new SnapshotStored(2, "clinic-7", s.snapshotId(), "primary", s.manifestKey(), 42, AT, s.signature()),
                new SnapshotStored(2, "clinic-7", s.snapshotId(), s.location(), "k", 42, AT, s.signature()),
                new SnapshotStored(2, "clinic-7", s.snapshotId(), s.location(), s.manifestKey(), 41, AT, s.signature()),
                new SnapshotStored(2, "clinic-7", s.snapshotId(), s.location(), s.manifestKey(), 42, AT.plusNanos(1),
                        s.signature()));

        assertThat(changed).allSatisfy(e -> assertThat(e.isSignedFor(VERIFIER)).as(e.toString()).isFalse());
    }

    @Test
    void unsignedForeignAndGarbageSignaturesAreRefused() {
        SnapshotStored unsigned = event();
        SnapshotStored foreign = event().signedBy(new EventSigner(EventSigningKeys.generate().privateKey()));
        SnapshotStored signed = event().signedBy(SIGNER);
        String longField = "x".repeat(70_000);

        assertThat(unsigned.isSignedFor(VERIFIER)).isFalse();
        assertThat(foreign.isSignedFor(VERIFIER)).isFalse();
        for (String garbage : new String[] {"", "not base64!", Base64.getEncoder().encodeToString(new byte[63])}) {
            assertThat(new SnapshotStored(2, "clinic-7", signed.snapshotId(), signed.location(), signed.manifestKey(),
                    42, AT, garbage).isSignedFor(VERIFIER)).as(garbage).isFalse();
        }
        assertThat(new SnapshotStored(2, "clinic-7", signed.snapshotId(), longField, signed.manifestKey(), 42, AT,
                signed.signature()).isSignedFor(VERIFIER)).isFalse();
        assertThat(new SnapshotStored(1, "clinic-7", signed.snapshotId(), signed.location(), signed.manifestKey(), 42,
                AT, signed.signature()).isSignedFor(VERIFIER)).as("a version-1 event never counts as signed").isFalse();
    }

    @Test
    void badKeyTextIsNamedByItsSettingAndNeverQuoted() {
        String secretish = "c2VjcmV0LWtleS10ZXh0";
        assertThatThrownBy(() -> EventSigningKeys.decode(secretish, "storage.event-signing-key"))
                .hasMessageContaining("storage.event-signing-key").hasMessageContaining("32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretish));
        assertThatThrownBy(() -> EventSigningKeys.decode("%%%" + secretish, "collector.storage-event-key"))
                .hasMessageContaining("not valid base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretish));
        assertThat(STORAGE.toString()).doesNotContain(EventSigningKeys.encode(STORAGE.privateKey()))
                .contains(STORAGE.fingerprint());
        assertThat(EventSigningKeys.decode(" " + EventSigningKeys.encode(STORAGE.publicKey()) + "\n", "x"))
                .isEqualTo(STORAGE.publicKey());
        assertThat(SIGNER.fingerprint()).isEqualTo(VERIFIER.fingerprint()).isEqualTo(STORAGE.fingerprint());
    }
}
