package org.chtbackup.collector.appends;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last complete read of each append-only file of one host, and the rule for the next one: resume only when
 * the same file (device and inode) has not shrunk and its scheduled full read is not due; otherwise read it in full
 * and say why. The caller still checks the earlier bytes before it resumes ({@code earlier bytes changed}).
 */
public final class ReadHistory {

    private final AppendReadSettings settings;
    private final Map<String, FileRead> reads = new ConcurrentHashMap<>();

    public ReadHistory(AppendReadSettings settings) {
        this.settings = settings;
    }

    /** How to read the file now. */
    public sealed interface Decision {
    }

    /**
     * Keep the earlier read's chunks but the last; read from {@link FileRead#resumeAt()} (from the start when the
     * file was one chunk long: it is no longer than a chunk then).
     */
    public record Resume(FileRead earlier) implements Decision {
    }

    /**
     * Read every byte. {@code compareWith} is set when only the schedule forced it: the read that the shortcut
     * would have resumed, so a full read that disagrees with it is reported.
     */
    public record ReadInFull(String reason, FileRead compareWith) implements Decision {
    }

    public Decision decide(String file, Object fileKey, long size, Instant now) {
        if (!settings.enabled()) {
            return new ReadInFull("append reads are off", null);
        }
        FileRead earlier = reads.get(file);
        if (earlier == null) {
            return new ReadInFull("first read since the collector started", null);
        }
        if (fileKey == null || !Objects.equals(fileKey, earlier.fileKey())) {
            return new ReadInFull("another file under this name (compacted, restored or replaced)", null);
        }
        if (size < earlier.size()) {
            return new ReadInFull("shrank from " + earlier.size() + " to " + size + " bytes", null);
        }
        if (!now.isBefore(fullReadDue(file, earlier.fullReadAt()))) {
            return new ReadInFull("scheduled full read (every " + settings.fullReadEvery() + ")", earlier);
        }
        return new Resume(earlier);
    }

    /**
     * When a file read in full at {@code last} is due again: within the last quarter of the period, at a point set
     * by its name, so that a host's files (all read in full by the collector's first snapshot) spread their full
     * reads over several snapshots instead of all coming due in one.
     */
    public Instant fullReadDue(String file, Instant last) {
        Duration every = settings.fullReadEvery();
        long spreadSeconds = Math.max(1, every.toSeconds() / 4);
        return last.plus(every).minusSeconds(Math.floorMod(file.hashCode(), spreadSeconds));
    }

    public void remember(String file, FileRead read) {
        reads.put(file, read);
    }

    public void forget(String file) {
        reads.remove(file);
    }

    /** Drops what is known of files that are no longer planned (deleted databases), so memory follows the host. */
    public void retainOnly(Set<String> files) {
        reads.keySet().retainAll(files);
    }

    public AppendReadSettings settings() {
        return settings;
    }
}
