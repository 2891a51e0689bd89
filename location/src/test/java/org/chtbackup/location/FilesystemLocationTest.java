package org.chtbackup.location;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemLocationTest extends LocationContractTest {

    @TempDir
    Path dir;
    private Location location;

    @BeforeEach
    void open() {
        location = new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, dir, "disk", false)
                .open();
    }

    @Override
    Location location() {
        return location;
    }

    @Test
    void keysThatEscapeTheRootAreRefused() {
        assertThatThrownBy(() -> location.put("../outside", new byte[] {1}))
                .isInstanceOf(LocationException.class).hasMessageContaining("escapes");
    }
}
