package io.strongroom.engine.kms;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/**
 * Every error KMS answers with here, and its wording (AWS's where it is known, [I] where decided: D35). All are
 * HTTP 400 but KMSInternalException; the wire picks the status.
 */
public final class KmsErrors {
    private KmsErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException keyNotFound(String keyArn) {
        return error("NotFoundException", "Key '" + keyArn + "' does not exist");
    }

    public static ServiceException aliasNotFound(String aliasArn) {
        return error("NotFoundException", "Alias " + aliasArn + " is not found.");
    }

    public static ServiceException invalidKeyId(String keyId) {
        return error("NotFoundException", "Invalid keyId " + keyId);
    }

    public static ServiceException grantNotFound(String grantId) {
        return error("NotFoundException", "Grant ID " + grantId + " not found");
    }

    public static ServiceException invalidArn(String arn) {
        return error("InvalidArnException", "ARN " + arn + " is not a valid ARN for a KMS key");
    }

    public static ServiceException disabled(String keyArn) {
        return error("DisabledException", keyArn + " is disabled.");
    }

    public static ServiceException pendingDeletion(String keyArn) {
        return error("KMSInvalidStateException", keyArn + " is pending deletion.");
    }

    public static ServiceException notPendingDeletion(String keyArn) {
        return error("KMSInvalidStateException", keyArn + " is not pending deletion.");
    }

    /** AWS answers with no message: nothing about why the blob failed is revealed. */
    public static ServiceException invalidCiphertext() {
        return error("InvalidCiphertextException", null);
    }

    public static ServiceException incorrectKey() {
        return error("IncorrectKeyException", "The key ID in the request does not identify a CMK that can "
                + "perform this operation.");
    }

    public static ServiceException aliasExists(String aliasArn) {
        return error("AlreadyExistsException", "An alias with the name " + aliasArn + " already exists");
    }

    public static ServiceException reservedAlias() {
        return error("NotAuthorizedException", null);
    }

    public static ServiceException aliasPrefix() {
        return validation("Alias must start with the prefix \"alias/\". Please see "
                + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
    }

    public static ServiceException aliasTargetIsAlias(String target) {
        return error("InvalidAliasNameException", "Aliases must refer to keys. Not aliases: " + target);
    }

    public static ServiceException validation(String message) {
        return error("ValidationException", message);
    }

    /** AWS's model-constraint sentence, for a member that breaks one. */
    public static ServiceException constraint(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    public static ServiceException malformedPolicy(String message) {
        return error("MalformedPolicyDocumentException", message);
    }

    public static ServiceException lockout() {
        return malformedPolicy("The new key policy will not allow you to update the key policy in the future.");
    }

    public static ServiceException unsupported(String message) {
        return error("UnsupportedOperationException", message);
    }

    public static ServiceException tag(String message) {
        return error("TagException", message);
    }

    public static ServiceException invalidMarker() {
        return error("InvalidMarkerException", "Invalid marker");
    }

    public static ServiceException invalidGrantId(String grantId) {
        return error("InvalidGrantIdException", "Invalid grant ID " + grantId);
    }

    public static ServiceException invalidGrantToken() {
        return error("InvalidGrantTokenException", "Invalid grant token");
    }

    public static ServiceException dryRun() {
        return error("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
    }

    public static ServiceException accessDenied(String message) {
        return error("AccessDeniedException", message);
    }

    public static ServiceException limitExceeded(String message) {
        return error("LimitExceededException", message);
    }
}
