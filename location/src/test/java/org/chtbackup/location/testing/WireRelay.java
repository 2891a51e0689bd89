package org.chtbackup.location.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay in front of a real S3 server that records what clients send, and can damage one byte of the body of
 * every request whose request line contains a given text: what a test needs to see which headers a PUT carries and
 * whether the store catches a body changed on the way.
 */
public final class WireRelay implements AutoCloseable {

    private static final int DAMAGED_BODY_OFFSET = 100;

    private final ServerSocket listener;
    private final URI target;
    private final List<Socket> sockets = new ArrayList<>();
    /** What clients sent, one log per connection. */
    private final List<ByteArrayOutputStream> connections = new ArrayList<>();
    private volatile String damageRequestsContaining;

    private WireRelay(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "wire-relay");
        accept.setDaemon(true);
        accept.start();
    }

    public static WireRelay to(URI target) throws IOException {
        return new WireRelay(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** From now on, one byte of the body of every request whose request line contains {@code text} is flipped. */
    public void damageBodiesOfRequestsContaining(String text) {
        this.damageRequestsContaining = text;
    }

    /**
     * The head (request line and headers) of the first request whose request line contains {@code path}, as
     * ISO-8859-1 text (heads are ASCII).
     */
    public String headOf(String path) {
        synchronized (connections) {
            for (ByteArrayOutputStream connection : connections) {
                String all = connection.toString(StandardCharsets.ISO_8859_1);
                int at = all.indexOf(" " + path + " ");
                if (at >= 0) {
                    // Back over the method's capital letters only: a body sent before on the same connection may end
                    // in anything.
                    int start = at;
                    while (start > 0 && all.charAt(start - 1) >= 'A' && all.charAt(start - 1) <= 'Z') {
                        start--;
                    }
                    int end = all.indexOf("\r\n\r\n", at);
                    return all.substring(start, end < 0 ? all.length() : end);
                }
            }
        }
        throw new AssertionError("no request for " + path + " was sent");
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client.getInputStream(), server.getOutputStream(), true);
                pump(server.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream connection = new ByteArrayOutputStream();
            if (fromClient) {
                synchronized (connections) {
                    connections.add(connection);
                }
            }
            int damagedUpTo = 0;
            byte[] buffer = new byte[64 * 1024];
            try (in; out) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (fromClient) {
                        int chunkStart;
                        synchronized (connections) {
                            chunkStart = connection.size();
                            connection.write(buffer, 0, n);
                        }
                        damagedUpTo = damage(connection, buffer, chunkStart, n, damagedUpTo);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed: the connection is over
            }
        }, "wire-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Flips the byte {@link #DAMAGED_BODY_OFFSET} into each matching request's body that lies in this chunk. */
    private int damage(ByteArrayOutputStream connection, byte[] chunk, int chunkStart, int n, int searchedUpTo) {
        String text = damageRequestsContaining;
        if (text == null) {
            return searchedUpTo;
        }
        String all;
        synchronized (connections) {
            all = connection.toString(StandardCharsets.ISO_8859_1);
        }
        int from = searchedUpTo;
        for (int line = all.indexOf(text, from); line >= 0; line = all.indexOf(text, from)) {
            int headEnd = all.indexOf("\r\n\r\n", line);
            if (headEnd < 0) {
                return line;
            }
            int target = headEnd + 4 + DAMAGED_BODY_OFFSET;
            if (target >= chunkStart + n) {
                return line;
            }
            if (target >= chunkStart) {
                chunk[target - chunkStart] ^= 0x01;
            }
            from = headEnd;
        }
        return Math.max(searchedUpTo, all.length() - text.length());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
