package org.chtbackup.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * Benchmark, not a test: single-thread MB/s of encrypt+sign on 1 MiB chunks of a real CouchDB file, and of the
 * deflate step alone at levels 1 and 6, to see where the time goes. Run it as described in docs/crypto.md.
 */
public final class EncryptThroughputBenchmark {

    private static final int CHUNK = 1 << 20;

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : SharedFixtures.largeCouchFile();
        byte[] data = Files.readAllBytes(file);
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at + CHUNK <= data.length; at += CHUNK) {
            chunks.add(Arrays.copyOfRange(data, at, at + CHUNK));
        }
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("bench", null);
        ObjectEncryptor encryptor = new ObjectEncryptor(List.of(
                KeyRing.encryptionKeys(KeyRing.publicRing(KeyRing.generateRecipientKey("ops", null))).get(0),
                KeyRing.encryptionKeys(KeyRing.publicRing(KeyRing.generateRecipientKey("escrow", null))).get(0)),
                KeyRing.unlockSigningKey(signer, null));
        System.out.printf("%s: %d chunks of 1 MiB, %d bytes%n", file.getFileName(), chunks.size(), (long) chunks.size() * CHUNK);
        for (int round = 0; round < 4; round++) {
            long outBytes = 0;
            long start = System.nanoTime();
            for (byte[] chunk : chunks) {
                outBytes += encryptor.encrypt(chunk, "chunk").length;
            }
            report(round == 0 ? "encrypt+sign (warm-up)" : "encrypt+sign, 2 recipients", chunks.size(), start,
                    "object/plain " + String.format("%.3f", outBytes / (double) ((long) chunks.size() * CHUNK)));
        }
        for (int level : new int[] {1, 6}) {
            for (int round = 0; round < 2; round++) {
                long outBytes = 0;
                byte[] buffer = new byte[2 * CHUNK];
                long start = System.nanoTime();
                for (byte[] chunk : chunks) {
                    Deflater deflater = new Deflater(level);
                    deflater.setInput(chunk);
                    deflater.finish();
                    while (!deflater.finished()) {
                        outBytes += deflater.deflate(buffer);
                    }
                    deflater.end();
                }
                report("deflate level " + level + (round == 0 ? " (warm-up)" : ""), chunks.size(), start,
                        "ratio " + String.format("%.3f", outBytes / (double) ((long) chunks.size() * CHUNK)));
            }
        }
    }

    private static void report(String what, int chunks, long start, String extra) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-32s %8.1f MB/s  (%s)%n", what, chunks * (double) CHUNK / 1e6 / seconds, extra);
    }

    private EncryptThroughputBenchmark() {
    }
}
