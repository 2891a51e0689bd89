package org.chtbackup.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemLocationTest extends LocationContractTest {

    /** Lengths around the block and staging-buffer edges, where a direct write pads and truncates. */
    private static final int[] LENGTHS = {0, 1, 511, 4095, 4096, 4097, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17};

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

    @Test
    void objectsOfEveryTailLengthAreStoredWhole() throws IOException {
        assumeDirectIo();
        Random random = new Random(7);
        for (int length : LENGTHS) {
            byte[] object = new byte[length];
            random.nextBytes(object);
            String key = "d/chunks/ab/" + length;
            assertThat(location.put(key, object)).isTrue();
            assertThat(Files.size(dir.resolve(key))).isEqualTo(length);
            try (InputStream in = location.get(key)) {
                assertThat(in.readAllBytes()).isEqualTo(object);
            }
        }
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".put-"))).isEmpty();
        }
    }

    @Test
    void directWritesLeaveTheObjectOutOfThePageCacheAndBufferedOnesDoNot() throws IOException {
        assumeDirectIo();
        byte[] object = new byte[2 << 20];
        new Random(3).nextBytes(object);
        location.put("d/direct", object);
        Location buffered = new FilesystemLocation("nas", dir, root -> null);
        buffered.put("d/buffered", object);

        assertThat(residentInPageCache(dir.resolve("d/direct"))).isFalse();
        assertThat(residentInPageCache(dir.resolve("d/buffered"))).isTrue();
    }

    @Test
    void aFilesystemThatRefusesDirectIoGetsTheObjectThroughThePageCacheAndIsNotAskedAgain() throws IOException {
        AtomicInteger directOpens = new AtomicInteger();
        DirectWriter refused = new DirectWriter(file -> {
            directOpens.incrementAndGet();
            throw new FileSystemException(file.toString(), null, "Invalid argument");
        }, 4096);
        Location refusing = new FilesystemLocation("nas", dir, root -> refused);
        byte[] first = new byte[10_000];
        new Random(5).nextBytes(first);

        assertThat(refusing.put("d/one", first)).isTrue();
        assertThat(refusing.put("d/two", new byte[] {1, 2, 3})).isTrue();

        assertThat(Files.readAllBytes(dir.resolve("d/one"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("d/two"))).containsExactly(1, 2, 3);
        assertThat(directOpens).hasValue(1);
    }

    /** Whether every page of the file is in memory: a mapping's isLoaded asks the kernel (mincore). */
    private static boolean residentInPageCache(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).isLoaded();
        }
    }

    private void assumeDirectIo() throws IOException {
        DirectWriter writer = DirectWriter.forDirectory(dir);
        boolean accepted = false;
        if (writer != null) {
            Path probe = Files.createFile(dir.resolve("probe"));
            try {
                writer.write(probe, new byte[] {1});
                accepted = true;
            } catch (IOException e) {
                accepted = false;
            } finally {
                Files.delete(probe);
            }
        }
        assumeTrue(accepted, "the temporary directory's filesystem refuses direct I/O, so the direct path is not run");
    }
}
