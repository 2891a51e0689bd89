package org.chtbackup.storage.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.chtbackup.location.LocationSpec;

/** The 3-2-1 rule: at least three locations, on at least two media classes, at least one offsite. */
public final class PlacementPolicy {

    static final int MIN_LOCATIONS = 3;
    static final int MIN_MEDIA = 2;

    private PlacementPolicy() {
    }

    public static PolicyReport check(List<LocationSpec> locations) {
        List<String> names = locations.stream().map(LocationSpec::name).toList();
        TreeSet<String> media = new TreeSet<>();
        locations.forEach(l -> media.add(l.media()));
        List<String> offsite = locations.stream().filter(LocationSpec::offsite).map(LocationSpec::name).toList();

        List<String> missing = new ArrayList<>();
        if (locations.size() < MIN_LOCATIONS) {
            missing.add("only " + locations.size() + " location(s) " + names + "; need at least " + MIN_LOCATIONS
                    + " copies: add " + (MIN_LOCATIONS - locations.size()) + " more under storage.locations");
        }
        if (media.size() < MIN_MEDIA) {
            missing.add("every location is on media class " + media + "; need at least " + MIN_MEDIA
                    + ": add a location of another kind (e.g. a filesystem/NAS directory beside S3) or set "
                    + "storage.locations.<name>.media");
        }
        if (offsite.isEmpty()) {
            missing.add("no location is offsite; need at least one: set storage.locations.<name>.offsite=true on a "
                    + "location away from the CHT hosts' site");
        }
        String facts = locations.size() + " location(s) " + names + ", media " + media + ", offsite " + offsite;
        String summary = missing.isEmpty()
                ? "3-2-1 met: " + facts
                : "3-2-1 NOT met: " + String.join("; ", missing) + " (have " + facts + ")";
        return new PolicyReport(missing.isEmpty(), summary, missing);
    }
}
