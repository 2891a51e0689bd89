package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** A reserved buffer holds objects up to its reservation in the same array, and never past its ceiling. */
class PlaintextBufferReserveTest {

    @Test
    void objectsUpToTheReservationKeepTheArray() throws IOException {
        PlaintextBuffer buffer = new PlaintextBuffer(8 << 20).reserve(5 << 20);
        byte[] array = buffer.bytes();

        buffer.readAll(new ByteArrayInputStream(new byte[5 << 20]));
        buffer.reset().write(new byte[3 << 20], 0, 3 << 20);
        buffer.write(new byte[2 << 20], 0, 2 << 20);

        assertThat(array.length).isEqualTo(5 << 20);
        assertThat(buffer.bytes()).isSameAs(array);
        assertThat(buffer.size()).isEqualTo(5 << 20);
    }

    @Test
    void aReservationStopsAtTheCeilingAndNeverShrinks() {
        PlaintextBuffer buffer = new PlaintextBuffer(3 << 20).reserve(64 << 20);
        assertThat(buffer.bytes().length).isEqualTo(3 << 20);
        assertThat(buffer.reserve(1024).bytes().length).isEqualTo(3 << 20);
        assertThatThrownBy(() -> buffer.write(new byte[(3 << 20) + 1], 0, (3 << 20) + 1))
                .isInstanceOf(ObjectAuthenticationException.class);
    }
}
