package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * What the request claims: from the Authorization header or from presigned query parameters. Nothing in
 * it has been checked against a secret or a clock yet; {@link SigV4#verify} does that. {@code version2} marks S3's
 * older presigned query (D100): its scope is made up (S3, {@link SigV2Presigned#REGION}), its request time is the
 * expiry and {@code expiresSeconds} the expiry in epoch seconds.
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
}
