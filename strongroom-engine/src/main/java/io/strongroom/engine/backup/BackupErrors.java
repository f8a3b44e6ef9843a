package io.strongroom.engine.backup;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error AWS Backup answers with here, and its wording (AWS's where the spec quotes it, ours where it is
 * unconfirmed: decision D37). The wire picks the status (400 for all but AccessDeniedException, 403, and
 * ServiceUnavailableException, 500) and puts the exception name in {@code x-amzn-ErrorType}; the body's {@code Code}
 * carries AWS's internal code where it is known ({@code ERROR_9101}, {@code ERROR_3015}).
 */
public final class BackupErrors {
    private BackupErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    private static ServiceException error(String code, String message, String internalCode, String context) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Code", internalCode);
        if (context != null) {
            details.put("Context", context);
        }
        return new ServiceException(ErrorCode.of(code), message, details);
    }

    public static ServiceException invalidParameter(String message) {
        return error("InvalidParameterValueException", message);
    }

    public static ServiceException missingParameter(String member) {
        return error("MissingParameterValueException", member + " is required.");
    }

    public static ServiceException invalidRequest(String message) {
        return error("InvalidRequestException", message);
    }

    public static ServiceException invalidResourceState(String message) {
        return error("InvalidResourceStateException", message);
    }

    public static ServiceException notFound(String message) {
        return error("ResourceNotFoundException", message);
    }

    public static ServiceException limitExceeded(String message) {
        return error("LimitExceededException", message);
    }

    /** AlreadyExistsException carries the existing resource's ARN and creator request id as members. */
    public static ServiceException alreadyExists(String message, String arn, String creatorRequestId) {
        Map<String, String> details = new LinkedHashMap<>();
        if (arn != null) {
            details.put("Arn", arn);
        }
        if (creatorRequestId != null) {
            details.put("CreatorRequestId", creatorRequestId);
        }
        return new ServiceException(ErrorCode.of("AlreadyExistsException"), message, details);
    }

    /**
     * AWS answers a vault-scoped call on a vault that does not exist with 403 AccessDeniedException, even to a fully
     * privileged caller (spec 1.3); {@link BackupOptions#missingVaultAsAccessDenied} switches to
     * ResourceNotFoundException.
     */
    public static ServiceException missingVault(BackupOptions options, String vaultArn) {
        if (options.missingVaultAsAccessDenied()) {
            return error("AccessDeniedException", "Insufficient privileges to perform this action.");
        }
        return notFound("Backup vault " + vaultArn + " does not exist.");
    }

    public static ServiceException vaultExists(String name, String arn, String creatorRequestId) {
        return alreadyExists("Backup vault with the same name already exists", arn, creatorRequestId);
    }

    public static ServiceException vaultNotEmpty() {
        return error("InvalidRequestException", "Backup vault cannot be deleted because it contains recovery points.",
                "ERROR_9101", null);
    }

    public static ServiceException invalidVaultName(String name) {
        return invalidParameter("Invalid backup vault name " + name + ". Backup vault names must be 2 to 50 "
                + "characters long and contain only alphanumeric characters, hyphens and underscores.");
    }

    public static ServiceException vaultLimit() {
        return limitExceeded("Maximum number of backup vaults (300) per account and Region reached.");
    }

    public static ServiceException lockImmutable(String vaultName) {
        return invalidRequest("Backup vault " + vaultName + " is locked in compliance mode and its lock date has "
                + "passed: the Vault Lock configuration cannot be changed or deleted.");
    }

    public static ServiceException noLock(String vaultName) {
        return invalidRequest("Backup vault " + vaultName + " has no Vault Lock configuration.");
    }

    public static ServiceException lagVaultLock(String vaultName) {
        return invalidRequest("The Vault Lock configuration of logically air-gapped backup vault " + vaultName
                + " cannot be changed.");
    }

    /** A rule-level validation error: AWS prefixes it with the rule's name and answers ERROR_3015. */
    public static ServiceException invalidRule(String ruleName, String message) {
        return error("InvalidParameterValueException", "Error in rule " + ruleName + " : " + message, "ERROR_3015",
                "[\"" + ruleName + "\",\"" + message + "\"]");
    }

    public static ServiceException planNotFound(String planId) {
        return notFound("Failed reading Backup plan " + planId + " with provided version");
    }

    public static ServiceException planExists(String arn, String creatorRequestId) {
        return alreadyExists("Backup plan with the same plan document already exists", arn, creatorRequestId);
    }

    public static ServiceException planHasSelections(String planId) {
        return invalidRequest("Related backup plan selections must be deleted prior to backup plan deletion");
    }

    /** A member's change to an org-managed plan or its selections (spec 8.1; wording ours, decision D52). */
    public static ServiceException orgManagedPlan(String planId) {
        return invalidRequest("Backup plan " + planId + " is managed by AWS Organizations through a backup policy: "
                + "it can be viewed but not changed in this account. Change the backup policy in the "
                + "organization's management account instead.");
    }

    public static ServiceException selectionNotFound(String selectionId) {
        return notFound("Failed reading Backup selection " + selectionId);
    }

    public static ServiceException selectionExists(String name) {
        return alreadyExists("Backup selection with the same name " + name + " already exists", null, null);
    }

    public static ServiceException noPolicy(String vaultName) {
        return notFound("Backup vault " + vaultName + " has no access policy.");
    }

    public static ServiceException noNotifications(String vaultName) {
        return notFound("Backup vault " + vaultName + " has no notification configuration.");
    }

    public static ServiceException resourceNotFound(String arn) {
        return notFound("Resource " + arn + " not found.");
    }
}
