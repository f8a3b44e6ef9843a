package io.strongroom.engine.organizations;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.Map;

/** Every error AWS Organizations answers with here, with its wording and, where AWS sends one, its Reason. */
public final class OrganizationsErrors {
    private OrganizationsErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    private static ServiceException withReason(String code, String reason, String message) {
        return new ServiceException(ErrorCode.of(code), message, Map.of("Reason", reason));
    }

    public static ServiceException notInUse() {
        return error("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
    }

    public static ServiceException accessDenied() {
        return error("AccessDeniedException", "You don't have permissions to access this resource.");
    }

    public static ServiceException alreadyInOrganization() {
        return error("AlreadyInOrganizationException", "The AWS account is already a member of an organization.");
    }

    public static ServiceException organizationNotEmpty() {
        return error("OrganizationNotEmptyException", "To delete an organization you must first remove all member "
                + "accounts (except the management account).");
    }

    public static ServiceException parentNotFound() {
        return error("ParentNotFoundException", "You specified a parent that doesn't exist.");
    }

    public static ServiceException ouNotFound() {
        return error("OrganizationalUnitNotFoundException", "You specified an organizational unit that doesn't exist.");
    }

    public static ServiceException duplicateOu() {
        return error("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
    }

    public static ServiceException ouNotEmpty() {
        return error("OrganizationalUnitNotEmptyException",
                "You can't delete an organizational unit (OU) that contains accounts or child OUs.");
    }

    public static ServiceException accountNotFound() {
        return error("AccountNotFoundException", "You specified an account that doesn't exist.");
    }

    public static ServiceException childNotFound() {
        return error("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the "
                + "ChildId that you specified.");
    }

    public static ServiceException sourceParentNotFound() {
        return error("SourceParentNotFoundException", "You specified a source parent that doesn't exist.");
    }

    public static ServiceException destinationParentNotFound() {
        return error("DestinationParentNotFoundException", "You specified a destination parent that doesn't exist.");
    }

    public static ServiceException duplicateAccount() {
        return error("DuplicateAccountException", "That account is already present in the specified destination.");
    }

    public static ServiceException rootNotFound() {
        return error("RootNotFoundException", "We can't find a root with the RootId that you specified.");
    }

    public static ServiceException policyNotFound() {
        return error("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
    }

    public static ServiceException targetNotFound() {
        return error("TargetNotFoundException",
                "We can't find a root, OU, account, or policy with the TargetId that you specified.");
    }

    public static ServiceException policyTypeNotEnabled(String type) {
        return error("PolicyTypeNotEnabledException",
                "The given policy type " + PolicyTypes.camelName(type) + " is not enabled on the current view");
    }

    public static ServiceException policyTypeAlreadyEnabled() {
        return error("PolicyTypeAlreadyEnabledException", "The specified policy type is already enabled.");
    }

    public static ServiceException policyTypeNotAvailable() {
        return error("PolicyTypeNotAvailableForOrganizationException",
                "You can't use the specified policy type with the feature set currently enabled for this organization.");
    }

    public static ServiceException duplicatePolicyAttachment() {
        return error("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.");
    }

    public static ServiceException policyNotAttached() {
        return error("PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.");
    }

    public static ServiceException duplicatePolicy() {
        return error("DuplicatePolicyException", "A policy with the same name already exists.");
    }

    public static ServiceException policyInUse() {
        return error("PolicyInUseException", "The policy is attached to one or more entities. You must detach it from "
                + "all roots, OUs, and accounts before performing this operation.");
    }

    public static ServiceException malformedPolicy(String message) {
        return error("MalformedPolicyDocumentException", message);
    }

    public static ServiceException createAccountStatusNotFound() {
        return error("CreateAccountStatusNotFoundException",
                "We can't find an create account request with the CreateAccountRequestId that you specified.");
    }

    public static ServiceException effectivePolicyNotFound() {
        return error("EffectivePolicyNotFoundException",
                "We can't find an effective policy of the specified type for the specified target.");
    }

    public static ServiceException accountAlreadyRegistered() {
        return error("AccountAlreadyRegisteredException",
                "The provided account is already a delegated administrator for your organization.");
    }

    public static ServiceException accountNotRegistered() {
        return error("AccountNotRegisteredException",
                "The provided account is not a registered delegated administrator for your organization.");
    }

    public static ServiceException constraint(String reason, String message) {
        return withReason("ConstraintViolationException", reason, message);
    }

    public static ServiceException invalidInput(String reason, String message) {
        return withReason("InvalidInputException", reason, message);
    }

    public static ServiceException invalidNextToken() {
        return invalidInput("INVALID_NEXT_TOKEN", "The NextToken value is not valid.");
    }

    public static ServiceException immutablePolicy() {
        return invalidInput("IMMUTABLE_POLICY", "You can't change or delete an AWS managed policy.");
    }
}
