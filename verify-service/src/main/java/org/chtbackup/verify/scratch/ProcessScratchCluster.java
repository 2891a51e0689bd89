package org.chtbackup.verify.scratch;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.verify.scratch.ScratchCouchDb.ClusterNode;
import org.chtbackup.verify.scratch.ScratchCouchDb.Running;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch cluster from a local CouchDB installation: one {@code bin/couchdb} process per source node, each under
 * the source's node name on a loopback address of its own ({@code 127.X.Y.n}, X and Y random per drill, so two
 * drills do not meet). Erlang resolves the nodes' host names through an inetrc file ({@code ERL_INETRC}) instead of
 * /etc/hosts or DNS; no epmd runs: every node listens for distribution on one port at its own address
 * ({@code -start_epmd false -erl_epmd_port}). One cookie, one drill admin, HTTP on loopback ports. Everything stops
 * and the configuration is deleted when the drill is done or the start fails.
 */
final class ProcessScratchCluster {

    private static final Logger log = LoggerFactory.getLogger(ProcessScratchCluster.class);

    private final ProcessScratchCouchDb launcher;
    private final Path bin;
    private final Path etc;
    private final Path workDir;
    private final Duration bootTimeout;
    private final SecureRandom random = new SecureRandom();

    ProcessScratchCluster(ProcessScratchCouchDb launcher, Path bin, Path etc, Path workDir, Duration bootTimeout) {
        this.launcher = launcher;
        this.bin = bin;
        this.etc = etc;
        this.workDir = workDir;
        this.bootTimeout = bootTimeout;
    }

    Running start(List<ClusterNode> nodes) throws ScratchBootFailed {
        List<String> names = new ArrayList<>();
        for (ClusterNode n : nodes) {
            names.add(ScratchConfig.node(n.nodeName()));
        }
        List<Process> processes = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createDirectories(workDir.resolve("cluster-" + launcher.hex(4)));
            List<byte[]> addresses = addresses(nodes.size());
            int distribution = portFreeOnAll(addresses);
            Path inetrc = ScratchConfig.writeInetrc(dir, names, addresses);
            String password = launcher.hex(16);
            String cookie = launcher.hex(16);
            List<CouchDbHttp> https = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                Path home = dir.resolve("node-" + (i + 1));
                int port = ProcessScratchCouchDb.freePort();
                Path vmArgs = ScratchConfig.writeClusterVmArgs(home, names.get(i), addresses.get(i), distribution);
                Path ini = ScratchConfig.writeLocalIni(home, nodes.get(i).dataDir(), port, password, false);
                ScratchConfig.writeCookie(home, cookie);
                Path logFile = home.resolve("couchdb.log");
                ProcessBuilder builder = new ProcessBuilder(bin.toString()).redirectErrorStream(true)
                        .redirectOutput(logFile.toFile()).redirectInput(new File("/dev/null"));
                builder.environment().put("COUCHDB_ARGS_FILE", vmArgs.toString());
                builder.environment().put("COUCHDB_INI_FILES", etc.resolve("default.ini") + " " + ini);
                builder.environment().put("HOME", home.toAbsolutePath().toString());
                builder.environment().put("ERL_INETRC", inetrc.toAbsolutePath().toString());
                processes.add(builder.start());
                https.add(new CouchDbHttp(URI.create("http://127.0.0.1:" + port + "/"), ScratchConfig.ADMIN, password));
                logs.add(logFile);
            }
            for (int i = 0; i < processes.size(); i++) {
                launcher.waitUntilUp(processes.get(i), https.get(i), bin, logs.get(i));
            }
            ClusterJoin.await(https, names, bootTimeout, i -> {
                if (!processes.get(i).isAlive()) {
                    throw new ScratchBootFailed("local CouchDB node " + names.get(i) + " exited with code "
                            + processes.get(i).exitValue() + "; its log is " + logs.get(i), null);
                }
            });
            log.info("scratch CouchDB cluster from {} up: {} nodes, distribution on port {}", bin, processes.size(),
                    distribution);
            return new Started(processes, dir, https.get(0), names);
        } catch (ScratchBootFailed e) {
            abandon(processes, dir);
            throw e;
        } catch (IOException e) {
            abandon(processes, dir);
            throw new ScratchBootFailed("local CouchDB cluster " + bin + " did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            abandon(processes, dir);
            Thread.currentThread().interrupt();
            throw new ScratchBootFailed("interrupted while waiting for the local CouchDB cluster", e);
        }
    }

    /** 127.X.Y.1..n: Linux answers on all of 127/8 without configuration. */
    private List<byte[]> addresses(int count) {
        byte x = (byte) (1 + random.nextInt(254));
        byte y = (byte) (1 + random.nextInt(254));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new byte[] {127, x, y, (byte) (i + 1)});
        }
        return out;
    }

    private static int portFreeOnAll(List<byte[]> addresses) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = ProcessScratchCouchDb.freePort();
            if (freeOnAll(port, addresses)) {
                return port;
            }
        }
        throw new IOException("no port is free on every scratch node's loopback address");
    }

    private static boolean freeOnAll(int port, List<byte[]> addresses) {
        for (byte[] address : addresses) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByAddress(address), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** After a failed boot the logs and vm.args stay for the operator; the admin password and cookie do not. */
    private static void abandon(List<Process> processes, Path dir) {
        processes.forEach(p -> ProcessScratchCouchDb.stop(p, null));
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("drill.ini")
                    || p.getFileName().toString().equals(".erlang.cookie")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            log.warn("could not delete the generated credentials in {}; delete the directory", dir);
        }
    }

    private final class Started implements Running {
        private final List<Process> processes;
        private final Path dir;
        private final CouchDbHttp http;
        private final List<String> names;

        Started(List<Process> processes, Path dir, CouchDbHttp http, List<String> names) {
            this.processes = List.copyOf(processes);
            this.dir = dir;
            this.http = http;
            this.names = List.copyOf(names);
        }

        @Override
        public CouchDbHttp http() {
            return http;
        }

        @Override
        public String description() {
            return "process " + bin + " cluster of " + processes.size() + " nodes (" + String.join(", ", names) + ")";
        }

        @Override
        public void close() {
            processes.forEach(p -> ProcessScratchCouchDb.stop(p, null));
            ProcessScratchCouchDb.deleteTree(dir);
        }
    }
}
