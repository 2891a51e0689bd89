package org.chtbackup.collector.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;

/**
 * Where each part of a CHT host's state is, as paths the collector can read, plus what is known of the host.
 *
 * @param roots     every root but CouchDB data; a root absent on this host (e.g. TLS when nginx is not reachable)
 *                  is simply not here
 * @param dataDirs  CouchDB data directories by manifest path prefix: {@code ""} on a single node; {@code db1},
 *                  {@code db2}, {@code db3} (from {@code DB1_DATA..DB3_DATA}) on a clustered host
 * @param facts     what was learnt about the host
 * @param couchdb   how to read live statistics, or null when no CouchDB address is known
 * @param secrets   values from {@code .env} that must never appear in a log line or event
 * @param staging   a private folder holding files copied out of containers (TLS, local.d), deleted by {@link #close()};
 *                  null when nothing was copied out
 */
public record HostLayout(Map<Root, Path> roots, Map<String, Path> dataDirs, HostFacts facts, CouchDbEndpoint couchdb,
                         Set<String> secrets, Path staging) implements AutoCloseable {

    public HostLayout {
        roots = Map.copyOf(roots);
        dataDirs = Map.copyOf(dataDirs);
        secrets = Set.copyOf(secrets);
    }

    /** Removes what was copied out of containers: the TLS key must not outlive the snapshot on disk. */
    @Override
    public void close() {
        if (staging == null || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing the staging folder " + staging + " failed: delete it by hand", e);
        }
    }
}
