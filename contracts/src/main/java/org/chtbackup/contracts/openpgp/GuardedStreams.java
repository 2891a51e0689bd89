package org.chtbackup.contracts.openpgp;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Remembers I/O failures of the caller's own streams, so a failed network read or a full disk is
 * reported as the {@link IOException} it is (retry), not as a bad object (do not retry). Bouncy
 * Castle reports a short or damaged object with IOExceptions too, so the type alone cannot tell.
 */
final class GuardedStreams {

    private GuardedStreams() {
    }

    static final class Source extends FilterInputStream {
        private IOException failure;

        Source(InputStream in) {
            super(in);
        }

        IOException failure() {
            return failure;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    static final class Sink extends FilterOutputStream {
        private IOException failure;

        Sink(OutputStream out) {
            super(out);
        }

        IOException failure() {
            return failure;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }
    }
}
