package org.chtbackup.couchdb;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: MB/s of a full walk with bodies and attachment digests over the 40 MB shard.
 * Run: mvn -q -o -pl couchdb-file test-compile exec:java ... or from the IDE; prints one line per round.
 */
public final class LargeShardBench {

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Fixtures.largeShard();
        double mb = Files.size(file) / 1e6;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int i = 1; i <= rounds; i++) {
            long t0 = System.nanoTime();
            WalkCounts w;
            try (CouchFile db = CouchFile.open(file)) {
                w = db.walkCounts(WalkDepth.BODIES);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %.1f MB in %.2f s = %.1f MB/s (%d bodies, %d nodes, %d problems)%n",
                    i, mb, s, mb / s, w.bodies(), w.nodes(), w.problems().size());
        }
    }
}
