package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The image's own vm.args, given a node name NODENAME cannot express. */
class DockerScratchCouchDbVmArgsTest {

    static final String IMAGE_VM_ARGS = """
            # the image's file
            -kernel error_logger silent
            -name couchdb@old-host
            +sbwt none

            # Comment this line out to enable the interactive Erlang shell on startup
            +Bd -noinput
            """;

    @Test
    void keepsEveryLineOfTheImageIncludingNoinputAndNamesTheNodeOnce() {
        String named = ImageVmArgs.withName(IMAGE_VM_ARGS, "medic@couchdb-2.local");
        assertThat(named).contains("-kernel error_logger silent\n+sbwt none\n").contains("\n+Bd -noinput\n")
                .endsWith("-name medic@couchdb-2.local\n").doesNotContain("old-host");
        assertThat(named.split("\n")).filteredOn(l -> l.startsWith("-name")).hasSize(1);
        assertThat(named.split("\n")).filteredOn(l -> l.contains("-noinput")).hasSize(1);
    }

    @Test
    void addsNoinputWhenTheImagesFileLacksIt() {
        String named = ImageVmArgs.withName("-kernel error_logger silent\n#+Bd -noinput\n", "medic@10.0.0.5");
        assertThat(named).endsWith("-name medic@10.0.0.5\n+Bd -noinput\n");
    }
}
