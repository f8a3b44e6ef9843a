package io.strongroom.engine.cloudtrail;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error CloudTrail's event history and trails answer with, and its wording. */
public final class CloudTrailErrors {
    private CloudTrailErrors() {
    }

    public static ServiceException tooManyAttributes() {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "You cannot specify more than one lookup attribute.");
    }

    public static ServiceException badAttributeKey(String key) {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "The attribute key " + key + " is not valid. Valid attribute keys are EventId, EventName, "
                        + "ReadOnly, Username, ResourceType, ResourceName, EventSource and AccessKeyId.");
    }

    public static ServiceException badAttributeValue() {
        return new ServiceException(ErrorCode.of("InvalidLookupAttributesException"),
                "The attribute value must be between 1 and 2000 characters.");
    }

    public static ServiceException timeRange() {
        return new ServiceException(ErrorCode.of("InvalidTimeRangeException"),
                "Start time must be earlier than end time.");
    }

    public static ServiceException maxResults() {
        return new ServiceException(ErrorCode.of("InvalidMaxResultsException"),
                "MaxResults must be between 1 and 50.");
    }

    public static ServiceException nextToken() {
        return new ServiceException(ErrorCode.of("InvalidNextTokenException"),
                "The next token is not valid for these parameters.");
    }

    public static ServiceException eventCategory() {
        return new ServiceException(ErrorCode.of("InvalidEventCategoryException"),
                "The event category must be insight.");
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException trailNotFound(String nameOrArn, String account) {
        return error("TrailNotFoundException", "Unknown trail: " + nameOrArn + " for the user: " + account);
    }

    public static ServiceException trailExists(String name, String account) {
        return error("TrailAlreadyExistsException", "Trail " + name + " already exists for customer: " + account);
    }

    public static ServiceException invalidTrailName(String message) {
        return error("InvalidTrailNameException", message);
    }

    public static ServiceException invalidArn(String arn) {
        return error("CloudTrailARNInvalidException", "ARN " + arn + " is not valid.");
    }

    public static ServiceException tooManyTrails(String account, String region) {
        return error("MaximumNumberOfTrailsExceededException", "User: " + account + " already has 5 trails in "
                + region + ".");
    }

    public static ServiceException bucketDoesNotExist(String bucket) {
        return error("S3BucketDoesNotExistException", "S3 bucket " + bucket + " does not exist.");
    }

    public static ServiceException insufficientBucketPolicy(String bucket) {
        return error("InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: "
                + bucket);
    }

    public static ServiceException invalidBucketName(String bucket) {
        return error("InvalidS3BucketNameException", "Bucket name is not valid: " + bucket);
    }

    public static ServiceException invalidPrefix() {
        return error("InvalidS3PrefixException", "The S3 key prefix must be at most 200 characters.");
    }

    public static ServiceException homeRegion(String arn) {
        return error("InvalidHomeRegionException", "This operation must be called from the trail's home region: "
                + arn);
    }

    public static ServiceException notManagementAccount() {
        return error("NotOrganizationMasterAccountException", "The request was rejected because the current "
                + "account is not the management account of an organization, or a delegated administrator.");
    }

    public static ServiceException organizationsNotInUse() {
        return error("OrganizationsNotInUseException", "This account is not a member of an organization.");
    }

    public static ServiceException notAllFeatures() {
        return error("OrganizationNotInAllFeaturesModeException", "This organization does not have all features "
                + "enabled.");
    }

    public static ServiceException accessNotEnabled() {
        return error("CloudTrailAccessNotEnabledException", "CloudTrail service access is not enabled for this "
                + "organization: call EnableAWSServiceAccess for cloudtrail.amazonaws.com first.");
    }

    public static ServiceException unserved(String what) {
        return error("UnsupportedOperationException", what + " is not served by Strongroom yet.");
    }

    public static ServiceException invalidParameter(String message) {
        return error("InvalidParameterException", message);
    }

    public static ServiceException invalidEventSelectors(String message) {
        return error("InvalidEventSelectorsException", message);
    }

    public static ServiceException invalidParameterCombination(String message) {
        return error("InvalidParameterCombinationException", message);
    }

    public static ServiceException resourceNotFound(String arn) {
        return error("ResourceNotFoundException", "Resource " + arn + " not found.");
    }

    public static ServiceException invalidTag(String message) {
        return error("InvalidTagParameterException", message);
    }

    public static ServiceException tooManyTags(int max) {
        return error("TagsLimitExceededException", "The number of tags per trail has exceeded the permitted "
                + "amount. Currently, the limit is " + max + ".");
    }
}
