package org.chtbackup.collector.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code ChtHostGenerator generate <couchdb dir> <MB> [seed]} writes a CHT-shaped CouchDB data directory of
 * distinct CouchDB-like content ({@link CouchLikeWriter} documents, btree nodes and headers, plus attachment
 * terms: about 3% of the bytes, already-compressed like CouchDB's gzip'd XML forms and JPEG photos);
 * {@code ChtHostGenerator append <couchdb dir> <percent>} appends that share of each {@code .couch} file as
 * documents plus a header, as CouchDB commits do. Both are deterministic for a given seed, so runs compare.
 * Used by {@code bench/run.sh}; the rest of the host (.env, compose, TLS) is copied there from the sample host.
 */
public final class ChtHostGenerator {

    private static final long SLICE = 4L << 20;
    private static final int BLOCK = 4096;

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !List.of("generate", "append", "changes").contains(args[0])) {
            System.err.println("usage: ChtHostGenerator generate <couchdb dir> <MB> [seed] | append <couchdb dir> <percent>"
                    + " | changes <couchdb dir> <documents>");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        if (args[0].equals("generate")) {
            long bytes = Long.parseLong(args[2]) * 1_000_000L;
            long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
            generate(data, bytes, seed);
        } else if (args[0].equals("changes")) {
            changes(data, Integer.parseInt(args[2]));
        } else {
            append(data, Double.parseDouble(args[2]));
        }
    }

    /**
     * {@code documents} changed documents, as CHT writes them: each new revision appended to its {@code medic} shard
     * (spread over the 12 ranges) with one commit per shard, and sentinel's record of it to the matching
     * {@code medic-sentinel} shard.
     */
    static void changes(Path data, int documents) throws IOException {
        List<Path> shards;
        try (Stream<Path> files = Files.walk(data)) {
            shards = files.filter(p -> p.getFileName().toString().matches("medic(-sentinel)?\\.\\d+\\.couch"))
                    .sorted().toList();
        }
        long added = 0;
        int medic = (int) shards.stream().filter(p -> p.getFileName().toString().startsWith("medic.")).count();
        for (Path file : shards) {
            int index = shards.indexOf(file) / 2;
            int count = documents / medic + (index < documents % medic ? 1 : 0);
            long size = Files.size(file);
            long seed = data.relativize(file).toString().hashCode() * 31L + size;
            added += new CouchLikeWriter(seed, size).appendDocs(file, count) - size;
        }
        System.out.printf("changed %,d documents: appended %,d bytes to %d medic and medic-sentinel shards%n",
                documents, added, shards.size());
    }

    /** 12 medic shards (70%) with their view files (14%), 12 sentinel shards (8%), small dbs, _dbs, _nodes. */
    static void generate(Path data, long bytes, long seed) throws IOException {
        if (Files.exists(data)) {
            throw new IOException(data + " exists: generate into a new directory (the generator never overwrites)");
        }
        long s = seed * 1_000_003L;
        for (int i = 0; i < 12; i++) {
            String range = String.format("%08x-%08x", 0x100000000L * i / 12, 0x100000000L * (i + 1) / 12 - 1);
            write(data.resolve("shards/" + range + "/medic.1700000000.couch"), s++, bytes * 70 / 100 / 12, true);
            write(data.resolve(".shards/" + range + "/medic.1700000000_design/mrview/"
                    + String.format("%032x", s) + ".view"), s++, bytes * 14 / 100 / 12, false);
            write(data.resolve("shards/" + range + "/medic-sentinel.1700000000.couch"), s++, bytes * 8 / 100 / 12, false);
        }
        for (String db : List.of("medic-logs", "medic-users-meta", "_users", "medic-audit", "medic-user-chw1-meta")) {
            write(data.resolve("shards/00000000-7fffffff/" + db + ".1700000000.couch"), s++, bytes * 8 / 100 / 10, false);
            write(data.resolve("shards/80000000-ffffffff/" + db + ".1700000000.couch"), s++, bytes * 8 / 100 / 10, false);
        }
        write(data.resolve("_dbs.couch"), s++, 64 * 1024, false);
        write(data.resolve("_nodes.couch"), s, 8 * 1024, false);
    }

    /** Appends {@code percent} of each .couch file's size, seeded by its path and size (deterministic). */
    static void append(Path data, double percent) throws IOException {
        List<Path> couch;
        try (Stream<Path> files = Files.walk(data)) {
            couch = files.filter(p -> p.toString().endsWith(".couch")).sorted().toList();
        }
        long before = 0;
        long added = 0;
        for (Path file : couch) {
            long size = Files.size(file);
            long seed = data.relativize(file).toString().hashCode() * 31L + size;
            long end = new CouchLikeWriter(seed, size).append(file, Math.max(1, (long) (size * percent / 100)));
            before += size;
            added += end - size;
        }
        System.out.printf("appended %,d bytes to %d .couch files (%.2f%% of their %,d bytes)%n",
                added, couch.size(), 100.0 * added / before, before);
    }

    private static void write(Path file, long seed, long bytes, boolean attachments) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        long written = 0;
        int slice = 0;
        while (written < bytes) {
            long docs = Math.min(SLICE, bytes - written);
            written = new CouchLikeWriter(seed * 7919 + slice++, written).append(file, docs);
            if (attachments && written < bytes) {
                written = attachment(file, written, random);
            }
        }
    }

    /** One attachment body of 16–256 KiB of incompressible bytes, framed in 4 KiB blocks like the documents. */
    private static long attachment(Path file, long position, SplittableRandom random) throws IOException {
        byte[] body = new byte[(16 + random.nextInt(240)) * 1024];
        random.nextBytes(body);
        List<byte[]> parts = new ArrayList<>();
        long at = position;
        int i = 0;
        while (i < body.length) {
            if (at % BLOCK == 0) {
                parts.add(new byte[] {0});
                at++;
            }
            int n = (int) Math.min(body.length - i, BLOCK - at % BLOCK);
            byte[] part = new byte[n];
            System.arraycopy(body, i, part, 0, n);
            parts.add(part);
            i += n;
            at += n;
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return at;
    }
}
