package org.chtbackup.collector.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CHT upgrade service's {@code .env}: KEY=VALUE lines, '#' comments, optional quotes. Values may be secrets
 * (COUCHDB_PASSWORD, COUCHDB_SECRET): this class never prints them, and {@link #toString()} lists keys only.
 */
public final class EnvFile {

    private final Path path;
    private final Map<String, String> values;

    private EnvFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    public static EnvFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DiscoveryException("no .env at " + path + ": set collector.env-file to the CHT upgrade-service .env");
        }
        try {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (String raw : lines) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
            return new EnvFile(path, values);
        } catch (IOException e) {
            throw new DiscoveryException("cannot read " + path + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** The value, or a clear error naming the key and the file. */
    public String require(String key) {
        return get(key).orElseThrow(() -> new DiscoveryException(path + " has no " + key
                + ": this does not look like a CHT 4.x upgrade-service .env"));
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return "EnvFile[" + path + " keys=" + values.keySet() + "]";
    }
}
