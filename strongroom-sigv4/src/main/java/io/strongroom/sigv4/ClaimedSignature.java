package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * What the request claims: from the Authorization header or from presigned query parameters. Nothing in
 * it has been checked against a secret or a clock yet; {@link SigV4#verify} does that. {@code version2} marks S3's
 * older signature: a presigned query (D100), whose request time is the expiry and {@code expiresSeconds} the expiry
 * in epoch seconds, or an {@code Authorization: AWS key:signature} header (D131), whose request time is its
 * {@code x-amz-date} or {@code Date}. Either way the scope is made up (S3, {@link SigV2#REGION}).
 */
public record ClaimedSignature(String accessKeyId, SignatureScope scope, List<String> signedHeaders,
                               String signature, Instant requestTime, String securityToken /* nullable */,
                               boolean presigned, Long expiresSeconds /* presigned only */, boolean version2) {

    public ClaimedSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }

    public ClaimedSignature(String accessKeyId, SignatureScope scope, List<String> signedHeaders, String signature,
                            Instant requestTime, String securityToken, boolean presigned, Long expiresSeconds) {
        this(accessKeyId, scope, signedHeaders, signature, requestTime, securityToken, presigned, expiresSeconds,
                false);
    }

    /**
     * True when the request is to be routed by its own shape rather than by the scope, which the signature did not
     * name: a version-2 header. A request that looks like another service's then gets that service's answer.
     */
    public boolean routedByShape() {
        return version2 && !presigned;
    }
}
