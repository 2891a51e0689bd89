package org.chtbackup.storage.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

    private static LocationSpec s3(String name, boolean offsite) {
        return new LocationSpec(name, LocationSpec.Kind.S3, URI.create("http://127.0.0.1:9000"), "bucket-" + name, "a",
                "s", null, null, "object-store", offsite);
    }

    private static LocationSpec disk(String name) {
        return new LocationSpec(name, LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, Path.of("/srv/" + name),
                "disk", false);
    }

    @Test
    void threeLocationsOnTwoMediaWithOneOffsiteMeetTheRule() {
        PolicyReport report = PlacementPolicy.check(List.of(s3("primary", false), s3("offsite", true), disk("nas")));
        assertThat(report.satisfied()).isTrue();
        assertThat(report.missing()).isEmpty();
        assertThat(report.summary()).startsWith("3-2-1 met");
    }

    @Test
    void twoLocationsAreReportedAsTooFewCopies() {
        PolicyReport report = PlacementPolicy.check(List.of(s3("offsite", true), disk("nas")));
        assertThat(report.satisfied()).isFalse();
        assertThat(report.missing()).singleElement().asString()
                .contains("only 2 location(s) [offsite, nas]").contains("add 1 more");
        assertThat(report.summary()).startsWith("3-2-1 NOT met");
    }

    @Test
    void threeLocationsWithoutAnOffsiteOneAreReportedAsNotOffsite() {
        PolicyReport report = PlacementPolicy.check(List.of(s3("primary", false), s3("second", false), disk("nas")));
        assertThat(report.satisfied()).isFalse();
        assertThat(report.missing()).singleElement().asString().contains("no location is offsite")
                .contains("offsite=true");
    }

    @Test
    void threeLocationsOnOneMediaClassAreReportedAsOneMedium() {
        PolicyReport report = PlacementPolicy.check(List.of(s3("primary", false), s3("second", false), s3("third", true)));
        assertThat(report.missing()).singleElement().asString().contains("media class [object-store]");
    }
}
