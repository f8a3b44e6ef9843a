package io.strongroom.resource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Iterator;

/**
 * The framing the streamed snapshot formats share: a format byte, a 4-byte big-endian length and that many bytes of
 * header (the configuration, as JSON), then the format's raw bytes. Readers check everything a damaged or foreign
 * snapshot could get wrong (format, lengths, a stream ending early, bytes after the end) and say so, never hang.
 */
public final class SnapshotStreams {
    /** A header is configuration: a few KiB. Anything near this is not a header. */
    static final int MAX_HEADER = 16 * 1024 * 1024;

    private SnapshotStreams() {
    }

    /** A snapshot's first bytes: its format and its header. */
    public static byte[] header(int format, byte[] header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 5);
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeByte(format);
            data.writeInt(header.length);
            data.write(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An 8-byte big-endian length, framing one part of a snapshot. */
    public static byte[] length(long length) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (length >>> (56 - 8 * i));
        }
        return b;
    }

    public static long readLength(InputStream in, String what) throws IOException {
        byte[] b = readExactly(in, 8, what);
        long length = 0;
        for (byte x : b) {
            length = (length << 8) | (x & 0xff);
        }
        if (length < 0) {
            throw malformed(what, "a negative length");
        }
        return length;
    }

    /**
     * The first byte of a snapshot, left unread: which format it is. A snapshot of a format whose first byte is
     * {@code '{'} is one of the JSON documents earlier versions wrote.
     */
    public static int peekFormat(PushbackInputStream in, String what) throws IOException {
        int format = in.read();
        if (format < 0) {
            throw malformed(what, "no data");
        }
        in.unread(format);
        return format;
    }

    /** Reads the format byte and the header, refusing any other format. */
    public static byte[] readHeader(InputStream in, int format, String what) throws IOException {
        int found = in.read();
        if (found != format) {
            throw malformed(what, found < 0 ? "no data" : "format " + found + ", this server reads format " + format);
        }
        byte[] n = readExactly(in, 4, what);
        int length = ((n[0] & 0xff) << 24) | ((n[1] & 0xff) << 16) | ((n[2] & 0xff) << 8) | (n[3] & 0xff);
        if (length < 0 || length > MAX_HEADER) {
            throw malformed(what, "a header of " + length + " bytes");
        }
        return readExactly(in, length, what);
    }

    public static byte[] readExactly(InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw malformed(what, "it ends early");
        }
        return bytes;
    }

    /** The next {@code length} bytes of {@code in}, as a stream that fails if {@code in} ends before them. */
    public static InputStream exactly(InputStream in, long length, String what) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw malformed(what, "it ends early");
                }
                left -= n;
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() {
                // the enclosing stream goes on
            }
        };
    }

    /** Fails when {@code in} holds more bytes: what follows a snapshot's end is damage, not data. */
    public static void expectEnd(InputStream in, String what) throws IOException {
        if (in.read() >= 0) {
            throw malformed(what, "bytes after its end");
        }
    }

    /** Reads and discards the rest of a part (an entry a restore does not select). */
    public static void drain(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    /** What a restore does with a snapshot's stream. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Opens a snapshot's stream, hands it to {@code reader} and closes it; a failure to read names the type. */
    public static <T> T read(Snapshot snapshot, String what, Reader<T> reader) {
        try (InputStream in = snapshot.data().open()) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " snapshot", e);
        }
    }

    /** The concatenation of streams opened one at a time, as the previous one ends. */
    public static InputStream concat(Iterator<? extends SnapshotData> parts) {
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                try {
                    return parts.next().open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    public static IllegalStateException malformed(String what, String problem) {
        return new IllegalStateException("Malformed " + what + " snapshot: " + problem + ".");
    }
}
