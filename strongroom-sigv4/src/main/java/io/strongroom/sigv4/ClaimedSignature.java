package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * What the request claims: from the Authorization header or from presigned query parameters. Nothing in
 * it has been checked against a secret or a clock yet; {@link SigV4#verify} does that.
 */
public record ClaimedSignature(String accessKeyId, SignatureScope scope, List<String> signedHeaders,
                               String signature, Instant requestTime, String securityToken /* nullable */,
                               boolean presigned, Long expiresSeconds /* presigned only */) {

    public ClaimedSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }
}
