package org.chtbackup.storage.backlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.chtbackup.contracts.events.ObjectEncrypted;

import tools.jackson.databind.json.JsonMapper;

/** Backlog records: key = location name, value = the {@link ObjectEncrypted} JSON, header = attempt count. */
final class BacklogCodec {

    static final String ATTEMPT_HEADER = "cht-backup-attempt";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BacklogCodec() {
    }

    static byte[] key(String location) {
        return location.getBytes(StandardCharsets.UTF_8);
    }

    static String location(byte[] key) {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    static byte[] encode(ObjectEncrypted object) {
        return JSON.writeValueAsBytes(object);
    }

    static ObjectEncrypted decode(byte[] value) {
        return JSON.readValue(value, ObjectEncrypted.class);
    }

    static byte[] attempt(int attempt) {
        return ByteBuffer.allocate(4).putInt(attempt).array();
    }

    static int attempt(Headers headers) {
        Header h = headers.lastHeader(ATTEMPT_HEADER);
        return h == null || h.value().length != 4 ? 0 : ByteBuffer.wrap(h.value()).getInt();
    }
}
