package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * S3's older header authentication, {@code Authorization: AWS <AccessKeyId>:<Signature>} (signature version 2,
 * D131), which s3cmd with {@code signature_v2}, boto3 with {@code signature_version='s3'} and old backup scripts
 * still send. The string to sign is {@link SigV2}'s with the {@code Date} header as its date line, or an empty line
 * when {@code x-amz-date} is sent (it is then signed among the {@code x-amz-} headers). The request time is
 * {@code x-amz-date} when present, else {@code Date}, and must lie within the same 15 minutes of the wall clock as a
 * version-4 header's ({@link RequestTimeWindow}).
 *
 * <p>Parsing never fails: the header is only known to be S3's once the request is routed, and every other service
 * answers it with the error it always gave ({@link #checkForm}).
 */
final class SigV2Header {
    private static final String PREFIX = "AWS ";

    private SigV2Header() {
    }

    static boolean attempts(String authorization) {
        return authorization.startsWith(PREFIX);
    }

    static ClaimedSignature parse(String authorization, SignableRequest request) {
        String credentials = authorization.substring(PREFIX.length()).strip();
        int colon = credentials.lastIndexOf(':');
        String keyId = colon < 0 ? credentials : credentials.substring(0, colon);
        String signature = colon < 0 ? "" : credentials.substring(colon + 1);
        Instant time = requestTime(request).orElse(Instant.EPOCH);
        return new ClaimedSignature(keyId, new SignatureScope(AmzDate.date(time), SigV2.REGION, "s3"), List.of(),
                signature, time, request.header("x-amz-security-token"), false, null, true);
    }

    /** What needs neither the secret nor the clock, checked before the access key is looked up. */
    static void checkForm(SignableRequest request, ClaimedSignature claimed, boolean s3) throws SigV4Exception {
        if (!s3) {
            throw SigV4Errors.unsupportedAlgorithm();
        }
        if (claimed.accessKeyId().isEmpty() || claimed.signature().isEmpty()) {
            throw SigV4Errors.malformedV2Header();
        }
        if (requestTime(request).isEmpty()) {
            throw SigV4Errors.v2DateMissing();
        }
    }

    /** The request time against the wall clock, then the signature. */
    static void verify(SignableRequest request, ClaimedSignature claimed, String secretAccessKey, boolean s3,
                       Instant wallNow) throws SigV4Exception {
        checkForm(request, claimed, s3);
        RequestTimeWindow.check(claimed, wallNow);
        SigV2.checkSignature(claimed, secretAccessKey, stringToSign(request));
    }

    static String stringToSign(SignableRequest request) {
        String date = request.header("x-amz-date") != null || request.header("date") == null
                ? "" : request.header("date").strip();
        return SigV2.stringToSign(request, false, date);
    }

    /** x-amz-date wins over Date, in the HTTP form version 2 signers write (the ISO basic form is taken too). */
    private static Optional<Instant> requestTime(SignableRequest request) {
        String amzDate = request.header("x-amz-date");
        if (amzDate != null) {
            return AmzDate.parseHttpDate(amzDate).or(() -> AmzDate.parseBasic(amzDate.strip()));
        }
        String httpDate = request.header("date");
        return httpDate == null ? Optional.empty() : AmzDate.parseHttpDate(httpDate);
    }
}
