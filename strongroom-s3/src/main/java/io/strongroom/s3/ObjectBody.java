package io.strongroom.s3;

/**
 * The bytes of an object or part with their ETag (the MD5 of a single PUT's bytes), digested when the body is made:
 * callers make it before the call's transaction, so that the digest of every byte is not done inside the shared
 * writer.
 */
public final class ObjectBody {
    private final byte[] bytes;
    private final String etag;

    private ObjectBody(byte[] bytes) {
        this.bytes = bytes;
        this.etag = "\"" + S3Service.md5Hex(bytes) + "\"";
    }

    public static ObjectBody of(byte[] bytes) {
        return new ObjectBody(bytes == null ? new byte[0] : bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    String etag() {
        return etag;
    }
}
