package io.strongroom.sigv4;

import java.util.List;

/** The canonical request of spec 9.2, kept whole because S3 echoes it back on a mismatch. */
record CanonicalRequest(String text) {

    static CanonicalRequest of(SignableRequest request, List<String> signedHeaders, String payloadHash,
                               boolean s3, boolean presigned) {
        String text = request.method() + '\n'
                + CanonicalUri.of(request.rawPath(), s3) + '\n'
                + CanonicalQuery.of(request.rawQuery(), presigned) + '\n'
                + CanonicalHeaders.of(request, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
        return new CanonicalRequest(text);
    }

    String hash() {
        return Hashing.sha256Hex(text);
    }
}
