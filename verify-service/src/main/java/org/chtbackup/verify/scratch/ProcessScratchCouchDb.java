package org.chtbackup.verify.scratch;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CouchDB from a local installation directory ({@code <install>/bin/couchdb}, as the Apache packages lay it out)
 * started as a child process with CouchDB's own hooks: {@code COUCHDB_ARGS_FILE} (a generated vm.args with the
 * source's node name) and {@code COUCHDB_INI_FILES} (loopback, the restored directory as database and view dir, a
 * one-off admin). Each boot has its own epmd ({@link PrivateEpmd}) and its own HOME holding the Erlang cookie, and
 * reads stdin from /dev/null. The installed version is what runs: pick an installation matching the fleet's
 * CouchDB version.
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

    /**
     * Writes the configuration of one boot into {@code dir}; returns the environment that points CouchDB at it.
     * {@code dir} is also the VM's HOME, where Erlang reads the cookie: a cookie in vm.args would show in
     * {@code ps} to every local user.
     */
    Map<String, String> configure(Path dir, Path dataDir, String node, int port, String password) throws IOException {
        Path vmArgs = ScratchConfig.writeVmArgs(dir, node);
        Path ini = ScratchConfig.writeLocalIni(dir, dataDir, port, password);
        ScratchConfig.writeCookie(dir, hex(16));
        Path etc = installDir.resolve("etc");
        return Map.of("COUCHDB_ARGS_FILE", vmArgs.toString(),
                "COUCHDB_INI_FILES", etc.resolve("default.ini") + " " + ini,
                "HOME", dir.toAbsolutePath().toString());
    }

    @Override
    public Running startCluster(List<ClusterNode> nodes, String couchdbVersion)
            throws ScratchBootSkipped, ScratchBootFailed {
        return new ProcessScratchCluster(this, executable(), installDir.resolve("etc"), workDir, bootTimeout)
                .start(nodes);
    }

    @Override
    public Running start(Path dataDir, String couchdbVersion, String nodeName)
            throws ScratchBootSkipped, ScratchBootFailed {
        Path bin = executable();
        String node = ScratchConfig.node(nodeName);
        Process process = null;
        PrivateEpmd epmd = null;
        Path dir = null;
        try {
            dir = Files.createDirectories(workDir.resolve("couchdb-" + hex(4)));
            String password = hex(16);
            int port = freePort();
            epmd = new PrivateEpmd(freePortOtherThan(port));
            Path logFile = dir.resolve("couchdb.log");
            ProcessBuilder builder = new ProcessBuilder(bin.toString()).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).redirectInput(new File("/dev/null"));
            builder.environment().putAll(configure(dir, dataDir, node, port, password));
            builder.environment().putAll(epmd.environment());
            process = builder.start();
            CouchDbHttp http = new CouchDbHttp(URI.create("http://127.0.0.1:" + port + "/"), ScratchConfig.ADMIN,
                    password);
            waitUntilUp(process, http, bin, logFile);
            log.info("scratch CouchDB from {} up on 127.0.0.1:{} as node {} (epmd on port {})", installDir, port, node,
                    epmd.port());
            return new Started(process, epmd, dir, http, bin);
        } catch (ScratchBootFailed e) {
            abandon(process, epmd, dir);
            throw e;
        } catch (IOException e) {
            abandon(process, epmd, dir);
            throw new ScratchBootFailed("local CouchDB " + bin + " did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            abandon(process, epmd, dir);
            Thread.currentThread().interrupt();
            throw new ScratchBootFailed("interrupted while waiting for local CouchDB", e);
        }
    }

    void waitUntilUp(Process process, CouchDbHttp http, Path bin, Path logFile)
            throws ScratchBootFailed, InterruptedException {
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ScratchBootFailed("local CouchDB " + bin + " exited with code " + process.exitValue()
                        + " before answering; its log is " + logFile, null);
            }
            if (http.waitUntilUp(Duration.ofSeconds(1))) {
                return;
            }
        }
        throw new ScratchBootFailed("local CouchDB " + bin + " did not answer GET /_up within "
                + bootTimeout.toSeconds() + " s; its log is " + logFile, null);
    }

    /** CouchDB and its children first; the epmd only accepts to stop once CouchDB's node is gone. */
    static void stop(Process process, PrivateEpmd epmd) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (epmd != null) {
            epmd.stop();
        }
    }

    /** After a failed boot the log and vm.args stay for the operator; the admin password and cookie do not. */
    private static void abandon(Process process, PrivateEpmd epmd, Path dir) {
        stop(process, epmd);
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("drill.ini"));
            Files.deleteIfExists(dir.resolve(".erlang.cookie"));
        } catch (IOException e) {
            log.warn("could not delete the generated credentials in {}; delete the directory", dir);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the scratch CouchDB's configuration {}; delete it by hand", dir);
        }
    }

    String hex(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePortOtherThan(int taken) throws IOException {
        int port;
        do {
            port = freePort();
        } while (port == taken);
        return port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final class Started implements Running {
        private final Process process;
        private final PrivateEpmd epmd;
        private final Path dir;
        private final CouchDbHttp http;
        private final Path bin;

        Started(Process process, PrivateEpmd epmd, Path dir, CouchDbHttp http, Path bin) {
            this.process = process;
            this.epmd = epmd;
            this.dir = dir;
            this.http = http;
            this.bin = bin;
        }

        @Override
        public CouchDbHttp http() {
            return http;
        }

        @Override
        public String description() {
            return "process " + bin + " pid " + process.pid();
        }

        @Override
        public void close() {
            stop(process, epmd);
            deleteTree(dir);
        }
    }
}
