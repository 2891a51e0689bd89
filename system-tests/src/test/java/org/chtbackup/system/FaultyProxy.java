package org.chtbackup.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of an S3 server that a test switches between answering normally, answering every request with
 * HTTP 500, and answering slowly: the faults of a real object store, with the real server behind it. Switching to a
 * fault closes the connections already open, so a client's pooled connections cannot go around it.
 */
final class FaultyProxy implements AutoCloseable {

    enum Mode { PASS, ERROR_500, SLOW }

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long slowMillis = 300;

    FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
        if (mode != Mode.PASS) {
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }
    }

    /** In {@link Mode#SLOW}, every block of up to 64 KiB a client sends waits this long before it is passed on. */
    void slowBy(long millis) {
        this.slowMillis = millis;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try (client) {
            if (mode == Mode.ERROR_500) {
                readHeaders(client.getInputStream());
                client.getOutputStream().write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(target);
            try (target) {
                threads.execute(() -> pump(target, client, false));
                pump(client, target, true);
            } finally {
                open.remove(target);
            }
        } catch (IOException e) {
            // the connection ends; the client sees the fault
        } finally {
            open.remove(client);
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (request && mode == Mode.SLOW) {
                    Thread.sleep(slowMillis);
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // one side closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        threads.shutdownNow();
    }
}
