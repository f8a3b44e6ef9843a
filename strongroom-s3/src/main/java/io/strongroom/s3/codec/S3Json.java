package io.strongroom.s3.codec;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Codec;

/** S3's persistence codecs: records in the shared versioned JSON envelope, object content as raw bytes. */
public final class S3Json {
    private S3Json() {
    }

    public static <T> Codec<T> of(Class<T> type) {
        return JsonCodec.of(type);
    }

    /** A document with no envelope (a snapshot's data, which the backup engine stores as it is). */
    public static byte[] write(Object value) {
        return JsonCodec.write(value);
    }

    public static <V> V read(byte[] bytes, Class<V> type) {
        return JsonCodec.read(bytes, type);
    }

    /** Object content is stored as it is: chunks are bytes, not documents. */
    public static Codec<byte[]> raw() {
        return new Codec<>() {
            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }
        };
    }
}
