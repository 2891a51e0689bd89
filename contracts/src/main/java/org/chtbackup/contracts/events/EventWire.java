package org.chtbackup.contracts.events;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary record values of the data path: {@link SnapshotPartSealed} (collector → crypto) and
 * {@link ObjectEncrypted} (crypto → storage, storage's backlog). Metadata is a small envelope in front of the
 * payload bytes, which travel as they are (no base64, no JSON), so a record costs its payload plus a few hundred
 * bytes to write and read.
 *
 * <pre>
 *   4 bytes   magic: 'C' 'B' 'P' 3 (a part) or 'C' 'B' 'O' 3 (an object); 3 is the event version
 *   1 byte    kind: 0 PACK, 1 PACK_LIST, 2 MANIFEST
 *   str       deploymentId, snapshotId, then objectId (part) or objectKey (object)
 *   u32       listPieces
 *   u32 n     then n × str: pack ids (part) or needed object keys (object)
 *   u32 m     then m bytes: the sealed payload (part) or the OpenPGP object (object)
 *   str = u16 length + UTF-8 bytes; integers big-endian; nothing may follow
 * </pre>
 * A value that is not exactly this fails with {@link IllegalArgumentException} naming what is wrong and where; a JSON
 * value (events of version 1 and 2) fails with a message to upgrade its sender.
 */
public final class EventWire {

    private static final byte[] PART = {'C', 'B', 'P', SnapshotPartSealed.VERSION};
    private static final byte[] OBJECT = {'C', 'B', 'O', ObjectEncrypted.VERSION};
    private static final int MAX_LIST = SnapshotPartSealed.MAX_IDS_PER_PIECE;

    public static byte[] encode(SnapshotPartSealed part) {
        return encode(PART, part.kind(), part.deploymentId(), part.snapshotId(), part.objectId(), part.listPieces(),
                part.packIds(), part.sealed());
    }

    public static byte[] encode(ObjectEncrypted object) {
        return encode(OBJECT, object.kind(), object.deploymentId(), object.snapshotId(), object.objectKey(),
                object.listPieces(), object.neededKeys(), object.object());
    }

    public static SnapshotPartSealed decodePart(byte[] value) {
        Envelope e = decode(value, PART, "snapshot part");
        return new SnapshotPartSealed(SnapshotPartSealed.VERSION, e.deploymentId, e.snapshotId, e.kind, e.id, e.list,
                e.listPieces, e.payload);
    }

    public static ObjectEncrypted decodeObject(byte[] value) {
        Envelope e = decode(value, OBJECT, "stored object");
        return new ObjectEncrypted(ObjectEncrypted.VERSION, e.deploymentId, e.snapshotId, e.kind, e.id, e.list,
                e.listPieces, e.payload);
    }

    private static byte[] encode(byte[] magic, PartKind kind, String deploymentId, String snapshotId, String id,
                                 int listPieces, List<String> list, byte[] payload) {
        List<byte[]> strings = new ArrayList<>(3 + list.size());
        strings.add(utf8(deploymentId));
        strings.add(utf8(snapshotId));
        strings.add(utf8(id));
        list.forEach(s -> strings.add(utf8(s)));
        int size = magic.length + 1 + 4 + 4 + 4 + payload.length;
        for (byte[] s : strings) {
            size += 2 + s.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(magic).put((byte) kind.ordinal());
        for (int i = 0; i < 3; i++) {
            putString(out, strings.get(i));
        }
        out.putInt(listPieces).putInt(list.size());
        for (int i = 3; i < strings.size(); i++) {
            putString(out, strings.get(i));
        }
        out.putInt(payload.length).put(payload);
        return out.array();
    }

    private record Envelope(PartKind kind, String deploymentId, String snapshotId, String id, int listPieces,
                            List<String> list, byte[] payload) {
    }

    private static Envelope decode(byte[] value, byte[] magic, String what) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException(what + " record is empty");
        }
        if (value[0] == '{') {
            throw new IllegalArgumentException(what + " record is JSON (event version 1 or 2, from an older build):"
                    + " upgrade its sender; this build reads binary version " + magic[3]);
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            byte[] found = new byte[magic.length];
            in.get(found);
            if (found[0] != magic[0] || found[1] != magic[1] || found[2] != magic[2]) {
                throw new IllegalArgumentException(what + " record does not start with the cht-backup magic "
                        + (char) magic[0] + (char) magic[1] + (char) magic[2] + ": not ours, or a part sent to the"
                        + " wrong topic");
            }
            if (found[3] != magic[3]) {
                throw new IllegalArgumentException(what + " record has version " + found[3] + "; this build reads "
                        + magic[3] + ": upgrade the services together");
            }
            int kindCode = in.get();
            if (kindCode < 0 || kindCode >= PartKind.values().length) {
                throw new IllegalArgumentException(what + " record has unknown kind " + kindCode);
            }
            String deploymentId = getString(in, what);
            String snapshotId = getString(in, what);
            String id = getString(in, what);
            int listPieces = in.getInt();
            int n = in.getInt();
            if (n < 0 || n > MAX_LIST) {
                throw new IllegalArgumentException(what + " record lists " + n + " ids, outside 0.." + MAX_LIST);
            }
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(getString(in, what));
            }
            int m = in.getInt();
            if (m < 0 || m != in.remaining()) {
                throw new IllegalArgumentException(what + " record says its payload is " + m + " bytes but "
                        + in.remaining() + " follow: truncated or padded");
            }
            byte[] payload = new byte[m];
            in.get(payload);
            return new Envelope(PartKind.values()[kindCode], deploymentId, snapshotId, id, listPieces, list, payload);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(what + " record is truncated at byte " + in.position() + " of "
                    + value.length);
        }
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a string of " + bytes.length + " bytes does not fit an event field");
        }
        return bytes;
    }

    private static void putString(ByteBuffer out, byte[] s) {
        out.putShort((short) s.length).put(s);
    }

    private static String getString(ByteBuffer in, String what) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new IllegalArgumentException(what + " record has a field of " + length + " bytes at byte "
                    + (in.position() - 2) + " but only " + in.remaining() + " follow: truncated");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " record has a field at byte " + (in.position() - length)
                    + " that is not UTF-8");
        }
    }

    private EventWire() {
    }
}
