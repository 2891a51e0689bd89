package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Erlang port mapper (epmd) for one scratch CouchDB alone, on its own loopback port. Every single-node CHT host
 * is {@code couchdb@127.0.0.1}; on the machine's shared epmd (4369) a second node of that name is refused ("seems
 * to be in use"), so two drills at once, or a drill beside any CouchDB, would fail.
 *
 * <p>CouchDB's VM still starts the epmd itself, as it always does ({@code epmd -daemon}, from the installation's
 * own Erlang): {@code ERL_EPMD_PORT} in its environment moves both that epmd and the node's registration to our
 * port, {@code ERL_EPMD_ADDRESS} keeps it off the network. That epmd detaches, so stopping CouchDB does not stop it;
 * {@link #stop()} asks it to exit with the epmd protocol's KILL_REQ, which epmd honours only once no node is
 * registered, i.e. after CouchDB has exited.
 */
final class PrivateEpmd {

    private static final Logger log = LoggerFactory.getLogger(PrivateEpmd.class);
    /** KILL_REQ: two-byte big-endian length 1, then 'k'; epmd answers "OK" and exits, or "NO" while nodes live. */
    private static final byte[] KILL_REQ = {0, 1, 'k'};
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final int port;

    PrivateEpmd(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** What the CouchDB process needs in its environment to start and use this epmd. */
    Map<String, String> environment() {
        return Map.of("ERL_EPMD_PORT", Integer.toString(port), "ERL_EPMD_ADDRESS", "127.0.0.1");
    }

    /** Stops this epmd if it runs; call after CouchDB has exited. Nothing listening counts as stopped. */
    void stop() {
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MILLIS;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                last = kill();
                if (last.equals("OK")) {
                    return;
                }
            } catch (ConnectException e) {
                return; // never started, or already gone
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            try {
                Thread.sleep(100); // "NO": the node's registration is not dropped yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.warn("the scratch CouchDB's epmd on 127.0.0.1:{} did not stop ({}); stop it by hand: ERL_EPMD_PORT={}"
                + " epmd -kill", port, last, port);
    }

    private String kill() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(KILL_REQ);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(2), StandardCharsets.US_ASCII);
        }
    }
}
