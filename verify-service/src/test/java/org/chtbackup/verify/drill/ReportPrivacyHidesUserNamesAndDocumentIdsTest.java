package org.chtbackup.verify.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User database names become stable keyed labels, in names and paths alike; quoted document ids are withheld. */
class ReportPrivacyHidesUserNamesAndDocumentIdsTest {

    @TempDir
    Path dataDir;

    @Test
    void userDatabaseNamesBecomeTheSameLabelEverywhereAndDifferUnderAnotherKey() {
        ReportPrivacy privacy = ReportPrivacy.keyIn(dataDir);
        String name = privacy.redact("medic-user-chw1-meta");
        String path = privacy.redact("file shards/00000000-15555554/medic-user-chw1-meta.1700000000.couch @4096: bad");
        String message = privacy.redact("database medic-user-chw1-meta: restored doc_count 12 differs");

        assertThat(name).matches("medic-user-#[0-9a-f]{12}-meta");
        assertThat(path).contains("/" + name + ".1700000000.couch").doesNotContain("chw1");
        assertThat(message).startsWith("database " + name + ": ");
        assertThat(ReportPrivacy.keyIn(dataDir).redact("medic-user-chw1-meta")).as("same key file, same label")
                .isEqualTo(name);
        assertThat(new ReportPrivacy(new byte[32]).redact("medic-user-chw1-meta")).isNotEqualTo(name);
        assertThat(privacy.redact("medic-user-bob-meta-x-meta")).matches("medic-user-#[0-9a-f]{12}-meta")
                .isNotEqualTo(privacy.redact("medic-user-bob-meta"));
        assertThat(privacy.redact("medic-users-meta and medic")).isEqualTo("medic-users-meta and medic");
    }

    @Test
    void quotedDocumentIdsAreWithheldAndTheKeyFileIsOwnerOnly() throws Exception {
        ReportPrivacy privacy = ReportPrivacy.keyIn(dataDir);

        assertThat(privacy.redact("database medic: file x.couch @12: document 'patient-Jane Doe' revision 2-ab: body"))
                .isEqualTo("database medic: file x.couch @12: document (id withheld) revision 2-ab: body");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(ReportPrivacy.KEY_FILE))))
                .isEqualTo("rw-------");
    }
}
