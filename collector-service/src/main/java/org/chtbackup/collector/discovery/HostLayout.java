package org.chtbackup.collector.discovery;

import java.nio.file.Path;
import java.util.Map;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;

/**
 * Where each part of a CHT host's state is, as paths the collector can read, plus what is known of the host.
 * A root that is absent on this host (e.g. TLS when nginx is not reachable) is simply not in {@code roots}.
 */
public record HostLayout(Map<Root, Path> roots, HostFacts facts) {

    public HostLayout {
        roots = Map.copyOf(roots);
    }
}
