package org.chtbackup.storage.backlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;


/** Backlog records: key = location name, value = the {@link ObjectEncrypted} binary record, header = attempt count. */
final class BacklogCodec {

    static final String ATTEMPT_HEADER = "cht-backup-attempt";

    private BacklogCodec() {
    }

    static byte[] key(String location) {
        return location.getBytes(StandardCharsets.UTF_8);
    }

    static String location(byte[] key) {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    static byte[] encode(ObjectEncrypted object) {
        return EventWire.encode(object);
    }

    static ObjectEncrypted decode(byte[] value) {
        return EventWire.decodeObject(value);
    }

    static byte[] attempt(int attempt) {
        return ByteBuffer.allocate(4).putInt(attempt).array();
    }

    static int attempt(Headers headers) {
        Header h = headers.lastHeader(ATTEMPT_HEADER);
        return h == null || h.value().length != 4 ? 0 : ByteBuffer.wrap(h.value()).getInt();
    }
}
