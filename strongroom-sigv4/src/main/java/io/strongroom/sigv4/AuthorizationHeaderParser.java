package io.strongroom.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}, with or without a space
 * after each comma, plus the request time from {@code X-Amz-Date} (or {@code Date}) and the session token
 * from {@code X-Amz-Security-Token}.
 */
final class AuthorizationHeaderParser {
    private AuthorizationHeaderParser() {
    }

    static ClaimedSignature parse(String header, SignableRequest request) throws SigV4Exception {
        String trimmed = header.trim();
        int space = indexOfWhitespace(trimmed);
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!algorithm.equals(SigningKey.ALGORITHM)) {
            throw SigV4Errors.unsupportedAlgorithm();
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        String rest = space < 0 ? "" : trimmed.substring(space + 1);
        for (String part : rest.split(",", -1)) {
            String pair = part.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw SigV4Errors.missingEqualSign(pair, header);
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            switch (key) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> {
                    // Unknown parameters are ignored, as AWS does.
                }
            }
        }
        String amzDate = request.header("x-amz-date");
        String httpDate = request.header("date");
        List<String> missing = new ArrayList<>();
        if (isBlank(credential)) {
            missing.add("Credential");
        }
        if (isBlank(signature)) {
            missing.add("Signature");
        }
        if (isBlank(signedHeaders)) {
            missing.add("SignedHeaders");
        }
        if (amzDate == null && httpDate == null) {
            missing.add("date");
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incompleteHeader(missing, header);
        }
        CredentialParser.Credential parsed = CredentialParser.parse(credential, false);
        List<String> headers = SignedHeaderList.parse(signedHeaders);
        Instant requestTime = requestTime(amzDate, httpDate);
        return new ClaimedSignature(parsed.accessKeyId(), parsed.scope(), headers, signature, requestTime,
                request.header("x-amz-security-token"), false, null);
    }

    /** X-Amz-Date wins over Date: clients that cannot set Date (browsers) use X-Amz-Date instead. */
    private static Instant requestTime(String amzDate, String httpDate) throws SigV4Exception {
        if (amzDate != null) {
            return AmzDate.parseBasic(amzDate.trim()).orElseThrow(() -> SigV4Errors.badAmzDate(amzDate));
        }
        return AmzDate.parseHttpDate(httpDate).orElseThrow(() -> SigV4Errors.badAmzDate(httpDate));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
