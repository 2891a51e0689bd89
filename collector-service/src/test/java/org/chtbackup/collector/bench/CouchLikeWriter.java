package org.chtbackup.collector.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

import org.xerial.snappy.Snappy;

/**
 * Writes CouchDB-like files: 4 KiB blocks each starting with a marker byte, snappy-compressed CHT-shaped JSON
 * documents framed with a length and a checksum, a btree node every 50 documents and a header block at each
 * "commit", as CouchDB appends them. Every file has its own seed, so no two files share content.
 */
final class CouchLikeWriter {

    private static final int BLOCK = 4096;
    private static final String[] NAMES = {"Amina", "Brian", "Chidi", "Dorcas", "Esther", "Faith", "Grace", "Hassan",
            "Imani", "Joseph", "Kwame", "Lydia", "Moses", "Njeri", "Otieno", "Pendo", "Rehema", "Samuel", "Tendai"};
    private static final String[] FORMS = {"pregnancy", "delivery", "assessment", "immunization", "death_report",
            "pnc_visit", "family_planning"};

    private final SplittableRandom random;
    private long position;
    private int docs;

    CouchLikeWriter(long seed, long existingSize) {
        this.random = new SplittableRandom(seed);
        this.position = existingSize;
    }

    /** Appends {@code count} documents (and the btree nodes that go with them) and one header, as one commit. */
    long appendDocs(Path file, int count) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                writeTerm(out, Snappy.compress(doc().getBytes(StandardCharsets.UTF_8)));
                if (++docs % 50 == 0) {
                    writeTerm(out, Snappy.compress(btreeNode()));
                }
            }
            writeTerm(out, Snappy.compress(btreeNode()));
            header(out);
        }
        return position;
    }

    /** Appends about {@code bytes} bytes of documents and ends with a header, like one or more commits. */
    long append(Path file, long bytes) throws IOException {
        long target = position + bytes;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16)) {
            while (position < target) {
                writeTerm(out, Snappy.compress(doc().getBytes(StandardCharsets.UTF_8)));
                if (++docs % 50 == 0) {
                    writeTerm(out, Snappy.compress(btreeNode()));
                }
                if (docs % 2000 == 0) {
                    header(out);
                }
            }
            header(out);
        }
        return position;
    }

    private String doc() {
        String id = uuid();
        if (random.nextInt(3) == 0) {
            return "{\"_id\":\"" + id + "\",\"_rev\":\"1-" + hex(16) + "\",\"type\":\"person\",\"name\":\""
                    + NAMES[random.nextInt(NAMES.length)] + " " + NAMES[random.nextInt(NAMES.length)]
                    + "\",\"date_of_birth\":\"" + (1950 + random.nextInt(70)) + "-0" + (1 + random.nextInt(9))
                    + "-1" + random.nextInt(10) + "\",\"sex\":\"" + (random.nextBoolean() ? "female" : "male")
                    + "\",\"phone\":\"+2547" + (10000000 + random.nextInt(89999999)) + "\",\"parent\":{\"_id\":\""
                    + uuid() + "\",\"parent\":{\"_id\":\"" + uuid() + "\"}},\"reported_date\":"
                    + (1600000000000L + random.nextLong(100000000000L)) + "}";
        }
        StringBuilder fields = new StringBuilder();
        for (int i = 0, n = 5 + random.nextInt(25); i < n; i++) {
            fields.append(",\"q").append(i).append("\":\"").append(random.nextBoolean() ? "yes" : "no")
                    .append("\",\"n").append(i).append("\":").append(random.nextInt(1000));
        }
        return "{\"_id\":\"" + id + "\",\"_rev\":\"1-" + hex(16) + "\",\"type\":\"data_record\",\"form\":\""
                + FORMS[random.nextInt(FORMS.length)] + "\",\"contact\":{\"_id\":\"" + uuid() + "\"},\"fields\":{"
                + "\"patient_id\":\"" + uuid() + "\"" + fields + "},\"reported_date\":"
                + (1600000000000L + random.nextLong(100000000000L)) + "}";
    }

    private byte[] btreeNode() {
        ByteBuffer node = ByteBuffer.allocate(50 * 48);
        for (int i = 0; i < 50; i++) {
            node.put(uuid().substring(0, 32).getBytes(StandardCharsets.US_ASCII)).putLong(random.nextLong(position + 1))
                    .putLong(random.nextInt(1 << 20));
        }
        return node.array();
    }

    private void writeTerm(OutputStream out, byte[] compressed) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + 16 + compressed.length);
        frame.putInt(compressed.length | 0x80000000).put(hexBytes(16)).put(compressed);
        writeData(out, frame.array());
    }

    /** Data bytes, with a 0 marker at every 4 KiB boundary as CouchDB writes them. */
    private void writeData(OutputStream out, byte[] data) throws IOException {
        int at = 0;
        while (at < data.length) {
            if (position % BLOCK == 0) {
                out.write(0);
                position++;
            }
            int n = (int) Math.min(data.length - at, BLOCK - position % BLOCK);
            out.write(data, at, n);
            at += n;
            position += n;
        }
    }

    private void header(OutputStream out) throws IOException {
        int pad = (int) ((BLOCK - position % BLOCK) % BLOCK);
        out.write(new byte[pad]);
        position += pad;
        byte[] header = new byte[1 + 4 + 16 + 200];
        header[0] = 1;
        byte[] body = hexBytes(220);
        System.arraycopy(body, 0, header, 1, header.length - 1);
        out.write(header);
        position += header.length;
    }

    private String uuid() {
        return hex(32);
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private byte[] hexBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
