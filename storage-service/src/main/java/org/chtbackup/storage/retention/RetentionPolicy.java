package org.chtbackup.storage.retention;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Grandfather-father-son selection over one deployment's snapshots, by the creation time at the start of each
 * manifest id ({@code yyyyMMdd'T'HHmmss'Z'-<snapshot>}); buckets are UTC days, ISO weeks and months.
 */
final class RetentionPolicy {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final RetentionSettings settings;

    RetentionPolicy(RetentionSettings settings) {
        this.settings = settings;
    }

    /** The manifest ids to keep; ids whose time cannot be read are always kept. */
    Set<String> keep(List<String> manifestIds) {
        Set<String> kept = new LinkedHashSet<>();
        List<Dated> dated = new ArrayList<>();
        for (String id : manifestIds) {
            Instant time = timeOf(id);
            if (time == null) {
                kept.add(id);
            } else {
                dated.add(new Dated(id, LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
            }
        }
        if (settings.keepsEverything()) {
            manifestIds.forEach(kept::add);
            return kept;
        }
        dated.sort(Comparator.comparing(Dated::time).reversed().thenComparing(Dated::id, Comparator.reverseOrder()));
        dated.stream().limit(settings.keepLast()).forEach(d -> kept.add(d.id()));
        newestPer(dated, settings.keepDaily(), t -> t.toLocalDate().toString(), kept);
        newestPer(dated, settings.keepWeekly(), t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), kept);
        newestPer(dated, settings.keepMonthly(), t -> t.getYear() + "-" + t.getMonthValue(), kept);
        return kept;
    }

    /** Keeps the newest snapshot of each of the newest {@code count} buckets. {@code dated} is newest first. */
    private static void newestPer(List<Dated> dated, int count, Function<LocalDateTime, String> bucket, Set<String> kept) {
        Set<String> seen = new HashSet<>();
        for (Dated d : dated) {
            if (seen.size() >= count) {
                return;
            }
            if (seen.add(bucket.apply(d.time()))) {
                kept.add(d.id());
            }
        }
    }

    /** The creation time a manifest id starts with, or null. */
    static Instant timeOf(String manifestId) {
        if (manifestId.length() < 16) {
            return null;
        }
        try {
            return LocalDateTime.parse(manifestId.substring(0, 16), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Dated(String id, LocalDateTime time) {
    }
}
