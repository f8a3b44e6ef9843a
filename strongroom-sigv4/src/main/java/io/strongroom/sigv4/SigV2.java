package io.strongroom.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * What S3's signature version 2 signs, for both of its forms: the presigned query (D100, {@link SigV2Presigned}) and
 * the {@code Authorization: AWS key:signature} header (D131, {@link SigV2Header}). The string to sign is the method,
 * Content-MD5, Content-Type, a date line (the expiry of a presigned URL; the {@code Date} header, or nothing when
 * {@code x-amz-date} is sent), the {@code x-amz-} headers lower-cased in name order and the resource (the path as
 * sent, then the sub-resources S3 signs in name order), HMAC-SHA1 under the secret key, base64.
 */
final class SigV2 {
    /** The region a version-2 call is served in: its signature names none (S3's global endpoint). */
    static final String REGION = "us-east-1";
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "cors", "defaultObjectAcl",
            "location", "logging", "partNumber", "policy", "requestPayment", "torrent", "versioning", "versionId",
            "versions", "website", "uploads", "uploadId", "response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "delete", "lifecycle", "tagging", "restore", "storageClass", "notification",
            "replication", "analytics", "metrics", "inventory", "select", "select-type", "object-lock");

    private SigV2() {
    }

    /**
     * @param headersInQuery true for a presigned URL, whose signer moved headers (the session token, a content type)
     *                       into the query string: they count as headers
     * @param dateLine       the fourth line: the expiry of a presigned URL, the Date header or empty
     */
    static String stringToSign(SignableRequest request, boolean headersInQuery, String dateLine) {
        QueryParameters query = headersInQuery ? QueryParameters.parse(request.rawQuery()) : QueryParameters.parse(null);
        TreeMap<String, String> amz = new TreeMap<>();
        for (QueryParameters.Parameter p : query.all()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-")) {
                amz.put(name, p.value().strip());
            }
        }
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                amz.put(lower, String.join(",", values.stream().map(String::strip).toList()));
            }
        });
        StringBuilder s = new StringBuilder(request.method().toUpperCase(Locale.ROOT)).append('\n')
                .append(headerOrQuery(request, query, "content-md5")).append('\n')
                .append(headerOrQuery(request, query, "content-type")).append('\n')
                .append(dateLine).append('\n');
        amz.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        return s.append(resource(request)).toString();
    }

    /** Compares the claimed signature with ours; a mismatch carries the string to sign, as S3's error does. */
    static void checkSignature(ClaimedSignature claimed, String secretAccessKey, String stringToSign)
            throws SigV4Exception {
        if (!Hashing.sameSignature(sign(secretAccessKey, stringToSign), claimed.signature())) {
            throw SigV4Errors.signatureMismatch(claimed.accessKeyId(), stringToSign, claimed.signature(), null);
        }
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

    /**
     * The path as sent, then the signed sub-resources in name order, values decoded (as botocore writes them). A
     * path-style bucket ({@code /bucket}) is signed as {@code /bucket/}, as S3 and its signers write a bucket's
     * resource.
     */
    private static String resource(SignableRequest request) {
        String path = request.rawPath();
        if (path.length() > 1 && path.indexOf('/', 1) < 0) {
            path = path + "/";
        }
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
            return path;
        }
        signed.sort(Comparator.comparing(e -> e[0]));
        StringBuilder out = new StringBuilder(path).append('?');
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
