package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CouchDB from a local installation directory ({@code <install>/bin/couchdb}, as the Apache packages lay it out)
 * started as a child process with a generated {@code vm.args} (source node name) and ini (loopback, the restored
 * directory as database and view dir, a one-off admin). The installed version is what runs: pick an installation
 * matching the fleet's CouchDB version.
 */
public final class ProcessScratchCouchDb implements ScratchCouchDb {

    private static final Logger log = LoggerFactory.getLogger(ProcessScratchCouchDb.class);

    private final Path installDir;
    private final Path workDir;
    private final Duration bootTimeout;
    private final SecureRandom random = new SecureRandom();

    /** @param workDir where each boot's generated config and log go (one sub-directory per boot) */
    public ProcessScratchCouchDb(Path installDir, Path workDir, Duration bootTimeout) {
        this.installDir = installDir;
        this.workDir = workDir;
        this.bootTimeout = bootTimeout;
    }

    @Override
    public String name() {
        return "process";
    }

    Path executable() throws ScratchBootSkipped {
        if (installDir == null) {
            throw new ScratchBootSkipped("scratch boot skipped: no local CouchDB installation configured"
                    + " (verify.scratch.couchdb-install-dir)");
        }
        Path bin = installDir.resolve("bin").resolve("couchdb");
        if (!Files.isExecutable(bin)) {
            throw new ScratchBootSkipped("scratch boot skipped: CouchDB is not installed at " + installDir + " (no"
                    + " executable bin/couchdb); install Apache CouchDB there or fix verify.scratch.couchdb-install-dir");
        }
        return bin;
    }

    /** Writes the configuration of one boot into {@code dir}; returns the environment that points CouchDB at it. */
    Map<String, String> configure(Path dir, Path dataDir, String nodeName, int port, String password)
            throws IOException {
        Path vmArgs = ScratchConfig.writeVmArgs(dir, nodeName, HexFormat.of().formatHex(bytes(16)));
        Path ini = ScratchConfig.writeLocalIni(dir, dataDir, port, password);
        Path etc = installDir.resolve("etc");
        return Map.of("COUCHDB_ARGS_FILE", vmArgs.toString(),
                "COUCHDB_INI_FILES", etc.resolve("default.ini") + " " + ini);
    }

    @Override
    public Running start(Path dataDir, String couchdbVersion, String nodeName)
            throws ScratchBootSkipped, ScratchBootFailed {
        Path bin = executable();
        Process process = null;
        try {
            Path dir = Files.createDirectories(workDir).resolve("couchdb-" + HexFormat.of().formatHex(bytes(4)));
            String password = HexFormat.of().formatHex(bytes(16));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(bin.toString()).redirectErrorStream(true)
                    .redirectOutput(Files.createDirectories(dir).resolve("couchdb.log").toFile());
            builder.environment().putAll(configure(dir, dataDir, nodeName, port, password));
            process = builder.start();
            CouchDbHttp http = new CouchDbHttp(URI.create("http://127.0.0.1:" + port + "/"), ScratchConfig.ADMIN,
                    password);
            if (!http.waitUntilUp(bootTimeout)) {
                throw new ScratchBootFailed("local CouchDB " + bin + " did not answer GET /_up within "
                        + bootTimeout.toSeconds() + " s; its log is " + dir.resolve("couchdb.log"), null);
            }
            log.info("scratch CouchDB from {} up on 127.0.0.1:{} as node {}", installDir, port, nodeName);
            Process started = process;
            return new Running() {
                @Override
                public CouchDbHttp http() {
                    return http;
                }

                @Override
                public String description() {
                    return "process " + bin + " pid " + started.pid();
                }

                @Override
                public void close() {
                    stop(started);
                }
            };
        } catch (ScratchBootFailed e) {
            stop(process);
            throw e;
        } catch (IOException e) {
            stop(process);
            throw new ScratchBootFailed("local CouchDB " + bin + " did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new ScratchBootFailed("interrupted while waiting for local CouchDB", e);
        }
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
