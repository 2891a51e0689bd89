package org.chtbackup.contracts.manifest;

/**
 * What was learnt about the CHT host at snapshot time. {@code discovery} says how: {@code docker} when
 * containers were found by their compose labels, {@code configured-paths} when the collector fell back to
 * configured paths. Unknown values are null.
 */
public record HostFacts(
        String chtVersion,
        String couchdbVersion,
        String nodeName,
        String composeProject,
        boolean clustered,
        String discovery) {
}
