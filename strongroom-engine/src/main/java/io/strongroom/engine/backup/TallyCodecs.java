package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The stored form of the two summaries every overview and controls request reads once per resource (D71): a marker
 * byte, then the fields in order, without names or a parser. Jackson binding these small records cost 2-4 us each in
 * the server (where its deserializers serve hundreds of record types), which at 20,000 resources was most of a page.
 * Records written as JSON by earlier versions are still read (a JSON envelope starts with '{', never the marker).
 */
final class TallyCodecs {
    private static final byte MARKER = 1;

    private TallyCodecs() {
    }

    static final Codec<BackupTallies.Holding> HOLDING = new Compact<>(JsonCodec.of(BackupTallies.Holding.class)) {
        @Override
        void write(Out out, BackupTallies.Holding h) {
            out.string(h.resourceArn()).string(h.vaultArn()).string(h.accountId()).string(h.region())
                    .string(h.vaultName()).string(h.vaultType()).number(h.points()).instant(h.newest());
        }

        @Override
        BackupTallies.Holding read(ByteBuffer in) {
            return new BackupTallies.Holding(string(in), string(in), string(in), string(in), string(in), string(in),
                    in.getLong(), instant(in));
        }
    };

    static final Codec<BackupTallies.LatestCopy> LATEST_COPY =
            new Compact<>(JsonCodec.of(BackupTallies.LatestCopy.class)) {
                @Override
                void write(Out out, BackupTallies.LatestCopy c) {
                    out.string(c.resourceArn()).string(c.destinationVaultArn()).string(c.jobId()).string(c.state())
                            .string(c.statusMessage()).instant(c.creationDate());
                }

                @Override
                BackupTallies.LatestCopy read(ByteBuffer in) {
                    return new BackupTallies.LatestCopy(string(in), string(in), string(in), string(in), string(in),
                            instant(in));
                }
            };

    /** Whether stored bytes are in the compact form (false: a JSON envelope of an earlier version). */
    static boolean compact(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == MARKER;
    }

    private abstract static class Compact<V> implements Codec<V> {
        private final Codec<V> json;

        Compact(Codec<V> json) {
            this.json = json;
        }

        abstract void write(Out out, V value);

        abstract V read(ByteBuffer in);

        @Override
        public byte[] encode(V value) {
            Out out = new Out();
            out.bytes.write(MARKER);
            write(out, value);
            return out.bytes.toByteArray();
        }

        @Override
        public V decode(byte[] bytes) {
            if (!compact(bytes)) {
                return json.decode(bytes);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.get();
            return read(in);
        }

        static String string(ByteBuffer in) {
            int length = in.getInt();
            if (length < 0) {
                return null;
            }
            String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            return s;
        }

        static Instant instant(ByteBuffer in) {
            long seconds = in.getLong();
            int nanos = in.getInt();
            return nanos < 0 ? null : Instant.ofEpochSecond(seconds, nanos);
        }
    }

    /** Big-endian fields: a string as its UTF-8 length (-1: null) and bytes; an instant as seconds and nanos. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        Out string(String s) {
            if (s == null) {
                return integer(-1);
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            integer(utf8.length);
            bytes.writeBytes(utf8);
            return this;
        }

        Out number(long n) {
            bytes.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
            return this;
        }

        Out instant(Instant t) {
            number(t == null ? 0 : t.getEpochSecond());
            return integer(t == null ? -1 : t.getNano());
        }

        private Out integer(int n) {
            bytes.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
            return this;
        }
    }
}
