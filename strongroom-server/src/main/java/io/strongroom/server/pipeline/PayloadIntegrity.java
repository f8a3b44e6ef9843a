package io.strongroom.server.pipeline;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.http.WireRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * S3's integrity checks of a request payload, before any operation sees it: {@code Content-MD5} and the flexible
 * checksums ({@code x-amz-checksum-crc32}, {@code -crc32c}, {@code -sha1}, {@code -sha256}), whether sent as headers
 * or in an aws-chunked trailer. A mismatch is S3's {@code BadDigest}, so nothing of a damaged upload is stored.
 * CRC64NVME has no JDK implementation and is not checked (docs/coverage.md lists it).
 */
final class PayloadIntegrity {
    private record Algorithm(String header, String name, Function<byte[], byte[]> digest) {
    }

    private static final List<Algorithm> CHECKSUMS = List.of(
            new Algorithm("x-amz-checksum-crc32", "CRC32", body -> crc(new CRC32(), body)),
            new Algorithm("x-amz-checksum-crc32c", "CRC32C", body -> crc(new CRC32C(), body)),
            new Algorithm("x-amz-checksum-sha1", "SHA1", body -> digest("SHA-1", body)),
            new Algorithm("x-amz-checksum-sha256", "SHA256", body -> digest("SHA-256", body)));

    private PayloadIntegrity() {
    }

    static void verify(WireRequest request) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        Optional<String> contentMd5 = request.headers().first("Content-MD5");
        if (contentMd5.isPresent()) {
            byte[] claimed = decode(contentMd5.get());
            if (claimed == null || claimed.length != 16) {
                throw new ServiceException(ErrorCode.of("InvalidDigest"),
                        "The Content-MD5 you specified was invalid.");
            }
            if (!MessageDigest.isEqual(claimed, digest("MD5", body))) {
                throw new ServiceException(ErrorCode.of("BadDigest"),
                        "The Content-MD5 you specified did not match what we received.");
            }
        }
        if (completesMultipartUpload(request)) {
            return; // its checksum headers describe the whole object, not this request's body
        }
        for (Algorithm algorithm : CHECKSUMS) {
            Optional<String> value = request.headers().first(algorithm.header());
            if (value.isEmpty()) {
                continue;
            }
            byte[] claimed = decode(value.get());
            if (claimed == null || !MessageDigest.isEqual(claimed, algorithm.digest().apply(body))) {
                throw new ServiceException(ErrorCode.of("BadDigest"), "The " + algorithm.name()
                        + " you specified did not match the calculated checksum.");
            }
        }
    }

    private static boolean completesMultipartUpload(WireRequest request) {
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        return request.method().equalsIgnoreCase("POST") && ("&" + query).contains("&uploadId=");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] crc(Checksum checksum, byte[] body) {
        checksum.update(body, 0, body.length);
        long value = checksum.getValue();
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
