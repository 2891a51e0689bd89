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
 * HTTP 500, and answering slowly: the faults of a real object store, with the real server behind it.
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
    private volatile Mode mode = Mode.PASS;
    private volatile long slowMillis = 3000;

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
    }

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
        try (client) {
            Mode now = mode;
            if (now == Mode.ERROR_500) {
                readHeaders(client.getInputStream());
                client.getOutputStream().write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (now == Mode.SLOW) {
                Thread.sleep(slowMillis);
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                threads.execute(() -> pump(target, client));
                pump(client, target);
            }
        } catch (IOException | InterruptedException e) {
            // the connection ends; the client sees the fault
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

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
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
