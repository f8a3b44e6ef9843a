package io.strongroom.rds;

import io.strongroom.kernel.ServiceException;

/**
 * What CopyDBSnapshot and CopyDBClusterSnapshot check of their source before looking for it (D137): copies are made
 * within the Region the call is made in, of the caller's own snapshots.
 */
final class SnapshotCopies {
    private SnapshotCopies() {
    }

    /**
     * Refuses a source in another Region (named by SourceRegion, by the Region a PreSignedUrl is signed for, or by
     * the source's ARN); another account's source is found only when shared with the caller (D144).
     */
    static void checkSource(String source, String sourceRegion, String preSignedUrl, String region) {
        for (String other : new String[]{sourceRegion, signedRegion(preSignedUrl)}) {
            if (other != null && !other.isEmpty() && !other.equals(region)) {
                throw otherRegion(other, region);
            }
        }
        if (source == null || !source.startsWith("arn:")) {
            return;
        }
        String[] parts = source.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("rds")) {
            throw RdsErrors.invalidParameterValue("The source snapshot ARN " + source + " is not a valid RDS "
                    + "snapshot ARN.");
        }
        if (!parts[3].equals(region)) {
            throw otherRegion(parts[3], region);
        }
    }

    /**
     * RDS: "If you copy an encrypted DB snapshot that is shared from another Amazon Web Services account, then you
     * must specify a value for this parameter" (KmsKeyId): the copy is the caller's, under a key of its own.
     */
    static void checkSharedKey(ManualSnapshot source, String account, Inputs.CopySnapshot in) {
        if (source.encrypted() && !source.accountId().equals(account) && in.kmsKeyId() == null) {
            throw RdsErrors.invalidParameterValue("KmsKeyId must be specified to copy an encrypted snapshot "
                    + "shared from another account.");
        }
    }

    /**
     * The Region in the credential scope of a PreSignedUrl (what SDKs send for SourceRegion), or null: the
     * signature itself is not checked, as no cross-Region copy is made with it.
     */
    static String signedRegion(String preSignedUrl) {
        if (preSignedUrl == null) {
            return null;
        }
        String marker = "X-Amz-Credential=";
        int at = preSignedUrl.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int end = preSignedUrl.indexOf('&', at);
        // key/date/region/service/aws4_request, its slashes escaped in the query
        String credential = preSignedUrl.substring(at + marker.length(), end < 0 ? preSignedUrl.length() : end);
        String[] scope = credential.replace("%2F", "/").replace("%2f", "/").split("/");
        return scope.length == 5 ? scope[2] : null;
    }

    private static ServiceException otherRegion(String sourceRegion, String region) {
        return RdsErrors.invalidParameterCombination("Copying a snapshot from another Region (" + sourceRegion
                + ") is not served by Strongroom: copy it within " + region + ".");
    }
}
