package io.strongroom.sigv4;

import io.strongroom.kernel.Region;
import java.util.regex.Pattern;

/** {@code <AKID>/<yyyymmdd>/<region>/<service>/aws4_request}, checked for shape only (spec 9.7). */
final class CredentialParser {
    record Credential(String accessKeyId, SignatureScope scope) {
    }

    private static final Pattern DATE = Pattern.compile("\\d{8}");

    private CredentialParser() {
    }

    static Credential parse(String credential, boolean presigned) throws SigV4Exception {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[3].isEmpty()) {
            throw SigV4Errors.malformedCredential(presigned);
        }
        if (!parts[4].equals(SignatureScope.TERMINATOR)) {
            throw SigV4Errors.badTerminator();
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw SigV4Errors.scopeDateMismatch();
        }
        // Any well-formed region is served, so only the shape is checked here.
        if (!Region.isValid(parts[2])) {
            throw SigV4Errors.badRegion(parts[2]);
        }
        return new Credential(parts[0], new SignatureScope(parts[1], parts[2], parts[3]));
    }
}
