package io.strongroom.sigv4;

/** The credential scope a signature claims: {@code <date>/<region>/<service>/aws4_request}. */
public record SignatureScope(String date /* yyyymmdd */, String region, String service) {

    static final String TERMINATOR = "aws4_request";

    public SignatureScope {
        if (date == null || region == null || service == null) {
            throw new IllegalArgumentException("date, region and service are required");
        }
    }

    /** The scope as it appears in the credential and in the string to sign. */
    public String credentialScope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
