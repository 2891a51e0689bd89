package org.chtbackup.verify.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.chtbackup.contracts.events.DrillCompleted.DatabaseComparison;

/**
 * What a drill report may say about the data: no user names and no document ids. A CHT user's database
 * {@code medic-user-<name>-meta} becomes {@code medic-user-#<label>-meta}, the label the first 12 hex digits of
 * HMAC-SHA256 under a key kept in verify's data directory: the same user's database has the same label in every
 * report, and nobody without the key can test a guessed name against it. A document id quoted by the offline
 * reader ({@code document '<id>'}) becomes {@code document (id withheld)}.
 */
public final class ReportPrivacy {

    /** CouchDB database-name characters except '/': CHT user names never contain one, paths do. */
    private static final Pattern USER_DB = Pattern.compile("medic-user-([a-z0-9_$()+-]+?)-meta(?![a-z0-9_$()+-])");
    private static final Pattern QUOTED_DOC_ID = Pattern.compile("document '[^']*'");
    static final String KEY_FILE = "report-label.key";

    private final byte[] key;

    public ReportPrivacy(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the report label key must be at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** The key in {@code <dataDir>/report-label.key}, created (32 random bytes, owner-only) on first use. */
    public static ReportPrivacy keyIn(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(dataDir);
                Path temp = dataDir.resolve(KEY_FILE + ".tmp");
                Files.deleteIfExists(temp);
                if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(temp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return new ReportPrivacy(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the report label key " + file + " cannot be read or created ("
                    + e.getMessage() + "): check verify.data-dir, or delete a damaged key file (user databases then"
                    + " get new labels)", e);
        }
    }

    /** {@code text} with every user database name labelled and every quoted document id withheld. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = USER_DB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("medic-user-#" + label(m.group(1)) + "-meta"));
        }
        m.appendTail(out);
        return QUOTED_DOC_ID.matcher(out).replaceAll("document (id withheld)");
    }

    public List<String> redact(List<String> texts) {
        return texts.stream().map(this::redact).toList();
    }

    public DatabaseComparison redact(DatabaseComparison row) {
        return new DatabaseComparison(redact(row.name()), row.liveBefore(), row.liveAfter(), row.restored(),
                row.scratch(), row.verdict(), redact(row.reasons()));
    }

    private String label(String userName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userName.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
