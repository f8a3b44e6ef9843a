package io.strongroom.engine.iam;

import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error IAM answers with here, with AWS's codes and wording (spec section 7.5). */
public final class IamErrors {
    private IamErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    // ---- NoSuchEntity (404)

    public static ServiceException noSuchEntity(String message) {
        return error("NoSuchEntity", message);
    }

    public static ServiceException noSuchUser(String name) {
        return noSuchEntity("The user with name " + name + " cannot be found.");
    }

    public static ServiceException noSuchGroup(String name) {
        return noSuchEntity("The group with name " + name + " cannot be found.");
    }

    public static ServiceException noSuchRole(String name) {
        return noSuchEntity("The role with name " + name + " cannot be found.");
    }

    public static ServiceException noSuchInlinePolicy(String ownerKind, String policyName) {
        return noSuchEntity("The " + ownerKind + " policy with name " + policyName + " cannot be found.");
    }

    public static ServiceException noSuchPolicy(String arn) {
        return noSuchEntity("Policy " + arn + " was not found.");
    }

    public static ServiceException policyNotAttachable(String arn) {
        return noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }

    public static ServiceException noSuchPolicyVersion(String arn, String versionId) {
        return noSuchEntity("Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
    }

    public static ServiceException noSuchAccessKey(String keyId) {
        return noSuchEntity("The Access Key with id " + keyId + " cannot be found.");
    }

    public static ServiceException noSuchVirtualMfaDevice(String serialNumber) {
        return noSuchEntity("VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
    }

    public static ServiceException noSuchMfaDevice(String serialNumber) {
        return noSuchEntity("MFA Device with serial number " + serialNumber + " does not exist.");
    }

    // ---- EntityAlreadyExists (409)

    public static ServiceException alreadyExists(String kind, String name) {
        return error("EntityAlreadyExists", kind + " with name " + name + " already exists.");
    }

    public static ServiceException policyAlreadyExists(String name) {
        return error("EntityAlreadyExists", "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }

    public static ServiceException mfaDeviceAlreadyExists() {
        return error("EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");
    }

    public static ServiceException mfaDeviceInUse() {
        return error("EntityAlreadyExists", "MFA Device is already in use.");
    }

    // ---- DeleteConflict (409)

    public static ServiceException deleteConflict(String message) {
        return error("DeleteConflict", message);
    }

    public static ServiceException mustDeleteAccessKeys() {
        return deleteConflict("Cannot delete entity, must delete access keys first.");
    }

    public static ServiceException mustDeletePolicies() {
        return deleteConflict("Cannot delete entity, must delete policies first.");
    }

    public static ServiceException mustDetachPolicies() {
        return deleteConflict("Cannot delete entity, must detach all policies first.");
    }

    public static ServiceException mustRemoveFromGroups() {
        return deleteConflict("Cannot delete entity, must remove users from group first.");
    }

    public static ServiceException mustDeleteMfaDevices() {
        return deleteConflict("Cannot delete entity, must delete MFA device first.");
    }

    public static ServiceException mustDeletePermissionsBoundary() {
        return deleteConflict("Cannot delete entity, must delete permissions boundary first.");
    }

    public static ServiceException policyAttached() {
        return deleteConflict("Cannot delete a policy attached to entities.");
    }

    public static ServiceException policyHasVersions() {
        return deleteConflict("This policy has more than one version. Before you delete a policy, you must delete "
                + "the policy's versions. The default version is deleted with the policy.");
    }

    public static ServiceException defaultVersionUndeletable() {
        return deleteConflict("Cannot delete the default version of a policy.");
    }

    public static ServiceException mfaDeviceStillAssigned(String serialNumber) {
        return deleteConflict("MFA Device with serial number " + serialNumber
                + " is still assigned to a user. Deactivate it first.");
    }

    // ---- LimitExceeded (409)

    public static ServiceException quota(String quota, int limit) {
        return error("LimitExceeded", "Cannot exceed quota for " + quota + ": " + limit);
    }

    public static ServiceException tooManyVersions() {
        return error("LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, "
                + "you must delete an existing version.");
    }

    public static ServiceException tooManyTags() {
        return error("LimitExceeded", "The number of tags has reached the maximum limit.");
    }

    public static ServiceException policySize(String kind, String name, int limit) {
        return error("LimitExceeded", "Maximum policy size of " + limit + " bytes exceeded for " + kind + " " + name);
    }

    // ---- 400s

    public static ServiceException malformedPolicy(String message) {
        return error("MalformedPolicyDocument", message);
    }

    public static ServiceException invalidInput(String message) {
        return error("InvalidInput", message);
    }

    public static ServiceException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new ServiceException(CommonErrors.VALIDATION_ERROR, "1 validation error detected: Value " + shown
                + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    public static ServiceException validationError(String message) {
        return new ServiceException(CommonErrors.VALIDATION_ERROR, message);
    }

    public static ServiceException unmodifiable(String roleName) {
        return error("UnmodifiableEntity", "Cannot perform the operation on the protected role '" + roleName
                + "' - this role is only modifiable by AWS");
    }

    public static ServiceException invalidAuthenticationCode() {
        return error("InvalidAuthenticationCode", "Authentication code for device is not valid.");
    }

    public static ServiceException invalidMarker() {
        return invalidInput("Invalid Marker.");
    }
}
