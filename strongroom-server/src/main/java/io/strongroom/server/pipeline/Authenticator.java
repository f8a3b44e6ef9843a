package io.strongroom.server.pipeline;

import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.sigv4.AuthFailure;
import io.strongroom.sigv4.ClaimedSignature;
import io.strongroom.sigv4.AwsChunkedDecoder;
import io.strongroom.sigv4.SigV4;
import io.strongroom.sigv4.SigV4Exception;
import io.strongroom.sigv4.SignableRequest;
import io.strongroom.storage.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a signed request into the principal that signed it. The signature's time is checked against
 * the wall clock (clients sign with real time even when the simulated clock is years ahead); session
 * expiry is domain time and follows the server's clock.
 */
final class Authenticator {
    private final Store store;
    private final IdentityService identity;
    private final Clock domainClock;
    private final Clock wallClock;
    private final CredentialCache cache = new CredentialCache(System::nanoTime);

    Authenticator(Store store, IdentityService identity, Clock domainClock, Clock wallClock) {
        this.store = store;
        this.identity = identity;
        this.domainClock = domainClock;
        this.wallClock = wallClock;
    }

    /** A key changed through this server: its next use reads the store. */
    void forget(String accessKeyId) {
        cache.forget(accessKeyId);
    }

    /** The claimed signature, or empty when the request carries no authentication at all. */
    Optional<ClaimedSignature> claim(SignableRequest request) throws SigV4Exception {
        return SigV4.parse(request);
    }

    /** Who signed, and the request's payload: for S3, decoded from aws-chunked once its signatures check. */
    /** The caller, the payload (decoded when aws-chunked) and the aws-chunked trailer headers (checksums). */
    record Authenticated(Principal principal, byte[] payload, boolean chunked, java.util.Map<String, String> trailers) {
    }

    Authenticated authenticate(SignableRequest request, ClaimedSignature claimed, String signingName, boolean s3)
            throws SigV4Exception {
        SigV4.checkForm(request, claimed, s3);
        Credential credential = cache.get(claimed.accessKeyId(),
                        keyId -> store.read(tx -> identity.credential(tx, keyId)))
                .filter(Credential::active)
                .orElseThrow(() -> new SigV4Exception(AuthFailure.UNKNOWN_ACCESS_KEY,
                        "The security token included in the request is invalid."));
        if (credential.temporary()) {
            if (!credential.sessionToken().equals(claimed.securityToken())) {
                throw new SigV4Exception(AuthFailure.INVALID_SESSION_TOKEN,
                        "The security token included in the request is invalid.");
            }
            if (!Instant.now(domainClock).isBefore(credential.expiration())) {
                throw new SigV4Exception(AuthFailure.EXPIRED_SESSION_TOKEN,
                        "The security token included in the request is expired");
            }
        } else if (claimed.securityToken() != null) {
            throw new SigV4Exception(AuthFailure.INVALID_SESSION_TOKEN,
                    "The security token included in the request is invalid.");
        }
        SigV4.verify(request, claimed, credential.secretAccessKey(), signingName, s3, Instant.now(wallClock));
        if (s3 && AwsChunkedDecoder.isChunked(request)) {
            AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(request, claimed, credential.secretAccessKey());
            return new Authenticated(credential.principal(), decoded.payload(), true, decoded.trailers());
        }
        return new Authenticated(credential.principal(), request.body(), false, java.util.Map.of());
    }
}
