package org.ncmcp.broker.client.metadata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads from a socket under one deadline for the whole response. A per-read timeout alone would let a
 * server that drips one byte at a time hold a request thread for ever.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private final long deadlineNanos;

    DeadlineInputStream(InputStream in, Socket socket, long deadlineNanos) {
        super(in);
        this.socket = socket;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        armTimeout();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        armTimeout();
        return super.read(b, off, len);
    }

    private void armTimeout() throws IOException {
        int millis = remainingMillis(deadlineNanos);
        if (millis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout(millis);
    }

    /** Milliseconds left until the deadline, at least 1 while any time is left, 0 when it has passed. */
    static int remainingMillis(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }
}
