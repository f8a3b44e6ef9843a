package io.strongroom.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3's older query-string authentication (signature version 2: {@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}), which boto3 and the AWS CLI v1 still use for presigned URLs against a custom endpoint (D100).
 * The string to sign is the method, Content-MD5, Content-Type, the expiry, the {@code x-amz-} headers and the
 * resource (path-style path and the sub-resources S3 signs), HMAC-SHA1 under the secret key. Headers the signer moved
 * into the query string (the session token, a content type) count as headers.
 */
final class SigV2Presigned {
    /** The region a version-2 call is served in: its signature names none (S3's global endpoint). */
    static final String REGION = "us-east-1";
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "cors", "defaultObjectAcl",
            "location", "logging", "partNumber", "policy", "requestPayment", "torrent", "versioning", "versionId",
            "versions", "website", "uploads", "uploadId", "response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "delete", "lifecycle", "tagging", "restore", "storageClass", "notification",
            "replication", "analytics", "metrics", "inventory", "select", "select-type", "object-lock");

    private SigV2Presigned() {
    }

    static boolean attempts(QueryParameters query) {
        return query.has("AWSAccessKeyId") || (query.has("Signature") && query.has("Expires"));
    }

    static ClaimedSignature parse(QueryParameters query) throws SigV4Exception {
        String keyId = query.first("AWSAccessKeyId");
        String signature = query.first("Signature");
        String expires = query.first("Expires");
        if (keyId == null || keyId.isEmpty() || signature == null || expires == null) {
            throw SigV4Errors.presignedParametersMissing();
        }
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw SigV4Errors.presignedParametersMissing();
        }
        Instant at = Instant.ofEpochSecond(Math.max(0, Math.min(expiry, 253402300799L)));
        return new ClaimedSignature(keyId, new SignatureScope(AmzDate.date(at), REGION, "s3"), List.of(), signature,
                at, query.first("x-amz-security-token"), true, expiry, true);
    }

    /** Checks the expiry against the wall clock, then the signature. */
    static void verify(SignableRequest request, ClaimedSignature claimed, String secretAccessKey, Instant wallNow)
            throws SigV4Exception {
        if (wallNow.getEpochSecond() > claimed.expiresSeconds()) {
            throw SigV4Errors.presignedV2Expired(claimed.requestTime(), wallNow);
        }
        String stringToSign = stringToSign(request, claimed.expiresSeconds());
        if (!Hashing.sameSignature(sign(secretAccessKey, stringToSign), claimed.signature())) {
            throw SigV4Errors.signatureMismatch(claimed.accessKeyId(), stringToSign, claimed.signature(), null);
        }
    }

    static String stringToSign(SignableRequest request, long expires) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        TreeMap<String, String> amz = new TreeMap<>();
        for (QueryParameters.Parameter p : query.all()) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("x-amz-")) {
                amz.put(name, p.value().strip());
            }
        }
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                amz.put(lower, String.join(",", values.stream().map(String::strip).toList()));
            }
        });
        StringBuilder s = new StringBuilder(request.method().toUpperCase(java.util.Locale.ROOT)).append('\n')
                .append(headerOrQuery(request, query, "content-md5")).append('\n')
                .append(headerOrQuery(request, query, "content-type")).append('\n')
                .append(expires).append('\n');
        amz.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        return s.append(resource(request)).toString();
    }

    private static String headerOrQuery(SignableRequest request, QueryParameters query, String name) {
        String header = request.header(name);
        if (header != null) {
            return header.strip();
        }
        for (QueryParameters.Parameter p : query.all()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value().strip();
            }
        }
        return "";
    }

    /** The path as sent, then the signed sub-resources in name order, values decoded (as botocore writes them). */
    private static String resource(SignableRequest request) {
        List<String[]> signed = new ArrayList<>();
        String raw = request.rawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (SUB_RESOURCES.contains(name)) {
                    signed.add(new String[]{name, eq < 0 ? name : name + "=" + Percent.decodeToString(
                            pair.substring(eq + 1))});
                }
            }
        }
        if (signed.isEmpty()) {
            return request.rawPath();
        }
        signed.sort(java.util.Comparator.comparing(e -> e[0]));
        StringBuilder out = new StringBuilder(request.rawPath()).append('?');
        for (int i = 0; i < signed.size(); i++) {
            out.append(i == 0 ? "" : "&").append(signed.get(i)[1]);
        }
        return out.toString();
    }

    static String sign(String secretAccessKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
