package org.chtbackup.collector.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.github.dockerjava.api.model.Container;

/**
 * The containers of one CHT compose project, found by their compose labels, never by name: Compose v1 names
 * them {@code cht_nginx_1}, v2 {@code cht-nginx-1}, and operators rename projects.
 */
record ComposeProject(String name, List<Container> containers) {

    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String UPGRADE_SERVICE = "cht-upgrade-service";
    private static final Set<String> CHT_SERVICES = Set.of("nginx", "api", "sentinel", "haproxy", "couchdb");

    /**
     * The CHT project among all compose containers: the configured one, else the only one, else {@code cht}.
     * Empty when no container carries a CHT service label.
     */
    static Optional<ComposeProject> find(List<Container> all, String configured) {
        Map<String, List<Container>> byProject = all.stream()
                .filter(c -> isChtService(service(c)))
                .collect(Collectors.groupingBy(c -> c.getLabels().get(PROJECT_LABEL), TreeMap::new, Collectors.toList()));
        if (configured != null && !configured.isBlank()) {
            return Optional.ofNullable(byProject.get(configured)).map(cs -> new ComposeProject(configured, cs));
        }
        if (byProject.size() > 1 && !byProject.containsKey("cht")) {
            throw new DiscoveryException("several compose projects run CHT services " + byProject.keySet()
                    + ": set collector.compose-project to the one to back up");
        }
        return byProject.entrySet().stream()
                .filter(e -> byProject.size() == 1 || e.getKey().equals("cht"))
                .findFirst().map(e -> new ComposeProject(e.getKey(), e.getValue()));
    }

    /** The upgrade service runs in its own compose project: found by its service label alone. */
    static Optional<Container> upgradeService(List<Container> all) {
        return all.stream().filter(c -> UPGRADE_SERVICE.equals(service(c))).findFirst();
    }

    Optional<Container> service(String name) {
        return containers.stream().filter(c -> name.equals(service(c))).findFirst();
    }

    /** CouchDB containers: {@code couchdb} on a single node, {@code couchdb-1..3} (with any suffix) clustered. */
    List<Container> couchdbs() {
        return containers.stream().filter(c -> service(c).startsWith("couchdb"))
                .sorted((a, b) -> service(a).compareTo(service(b))).toList();
    }

    /** The CHT version from an image tag such as {@code public.ecr.aws/medic/cht-api:4.20.0}, or null. */
    String chtVersion() {
        for (String service : List.of("api", "sentinel", "nginx", "haproxy", "couchdb")) {
            Optional<String> tag = service(service).map(Container::getImage).map(ComposeProject::tag);
            if (tag.isPresent()) {
                return tag.get();
            }
        }
        return null;
    }

    static String service(Container c) {
        return c.getLabels() == null ? "" : c.getLabels().getOrDefault(SERVICE_LABEL, "");
    }

    private static boolean isChtService(String service) {
        return CHT_SERVICES.contains(service) || service.startsWith("couchdb-");
    }

    private static String tag(String image) {
        if (image == null || image.startsWith("sha256:")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : null;
    }
}
