package io.strongroom.server.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body gathered piece by piece. With a declared length the bytes end in an array of that size, handed on
 * without another copy when exactly that many arrived; a length beyond {@link #PRESIZE_LIMIT} is not trusted for an
 * allocation. Memory is taken as bytes arrive, not when headers promise them: up to {@link #FIRST_STEP} at first,
 * then the declared length at once. Whatever arrives, fewer or more bytes than declared, is what {@link #bytes}
 * gives.
 */
final class Body {
    static final long PRESIZE_LIMIT = 64L * 1024 * 1024;
    static final int FIRST_STEP = 1024 * 1024;
    /** The most a body can hold (an array's limit); a longer declared length is answered without reading it. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;
    private static final byte[] EMPTY = new byte[0];

    private final long declared;
    private byte[] bytes = EMPTY;
    private int size;

    /** @param declared the Content-Length, or a negative number when there is none */
    Body(long declared) {
        this.declared = declared > 0 && declared <= PRESIZE_LIMIT ? declared : -1;
    }

    void append(ByteBuffer piece) {
        int length = piece.remaining();
        if (length == 0) {
            return;
        }
        if (length > bytes.length - size) {
            grow((long) size + length);
        }
        piece.get(bytes, size, length);
        size += length;
    }

    private void grow(long needed) {
        long wanted;
        if (declared >= needed) {
            wanted = bytes.length == 0 ? Math.min(declared, FIRST_STEP) : declared;
        } else {
            wanted = Math.max(2L * bytes.length, 8192);
        }
        wanted = Math.max(wanted, needed);
        if (wanted > MAX_SIZE) {
            throw new IllegalStateException("request body larger than 2 GiB");
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }

    byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
