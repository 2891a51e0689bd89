package org.chtbackup.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The {@link Location} contract; every real kind of location runs it. */
abstract class LocationContractTest {

    abstract Location location();

    @Test
    void putThenGetReturnsTheSameBytes() throws Exception {
        byte[] object = new byte[300_000];
        new Random(7).nextBytes(object);
        assertThat(location().put("d1/chunks/ab/abcdef", object)).isTrue();
        try (InputStream in = location().get("d1/chunks/ab/abcdef")) {
            assertThat(in.readAllBytes()).isEqualTo(object);
        }
    }

    @Test
    void secondPutOfAKeyIsANoOpAndKeepsTheFirstObject() throws Exception {
        location().put("d1/chunks/cd/cd01", "first".getBytes(StandardCharsets.UTF_8));
        assertThat(location().put("d1/chunks/cd/cd01", "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        try (InputStream in = location().get("d1/chunks/cd/cd01")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void existsListAndDelete() {
        location().put("d2/chunks/01/0101", new byte[] {1});
        location().put("d2/chunks/02/0202", new byte[] {2});
        location().put("d2/snapshots/20260101T000000Z-s1.manifest", new byte[] {3});
        assertThat(location().exists("d2/chunks/01/0101")).isTrue();
        assertThat(location().exists("d2/chunks/03/0303")).isFalse();
        assertThat(location().list("d2/chunks/")).containsExactly("d2/chunks/01/0101", "d2/chunks/02/0202");
        assertThat(location().list("d2/snapshots/")).containsExactly("d2/snapshots/20260101T000000Z-s1.manifest");
        assertThat(location().list("nobody/")).isEmpty();
        location().delete("d2/chunks/01/0101");
        location().delete("d2/chunks/01/0101");
        assertThat(location().exists("d2/chunks/01/0101")).isFalse();
    }

    @Test
    void getOfAMissingKeyNamesTheLocationAndKey() {
        assertThatThrownBy(() -> location().get("d3/chunks/ff/ffff"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(location().name()).hasMessageContaining("d3/chunks/ff/ffff");
    }
}
