package io.strongroom.api.cloudtrail;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.cloudtrail.CloudTrailErrors;
import io.strongroom.engine.cloudtrail.Trail;
import io.strongroom.engine.cloudtrail.TrailService;
import io.strongroom.engine.cloudtrail.TrailTags;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.TrailInfo;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;

import java.time.Instant;

/** CloudTrail's trails (D133): the operations, their IAM actions on the trail's ARN, and AWS's shapes. */
final class CloudTrailTrailsApi {
    private CloudTrailTrailsApi() {
    }

    static ServiceApi.Builder add(ServiceApi.Builder api, TrailService trails) {
        CloudTrailTagsApi.add(api, new TrailTags(trails));
        CloudTrailEventSelectorsApi.add(api, trails);
        return api
                .write("CreateTrail", CreateTrailRequest.class, "cloudtrail:CreateTrail",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:CreateTrail", arn(ctx, q.name())),
                        (ctx, q) -> {
                            refuseUnserved(q.snsTopicName(), q.cloudWatchLogsLogGroupArn(),
                                    q.cloudWatchLogsRoleArn(), q.kmsKeyId(), q.enableLogFileValidation());
                            Trail t = trails.create(ctx.tx(), ctx.accountId(), ctx.region(), new TrailService.Creation(
                                    q.name(), q.s3BucketName(), q.s3KeyPrefix(), q.includeGlobalServiceEvents(),
                                    q.isMultiRegionTrail(), q.isOrganizationTrail(),
                                    CloudTrailTagsApi.tags(q.tagsList())));
                            return CreateTrailResponse.builder().name(t.name()).s3BucketName(t.bucket())
                                    .s3KeyPrefix(t.keyPrefix()).includeGlobalServiceEvents(t.includeGlobalServiceEvents())
                                    .isMultiRegionTrail(t.multiRegion()).trailARN(t.arn())
                                    .logFileValidationEnabled(false).isOrganizationTrail(t.organizationTrail()).build();
                        })
                .write("UpdateTrail", UpdateTrailRequest.class, "cloudtrail:UpdateTrail",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:UpdateTrail", arn(ctx, q.name())),
                        (ctx, q) -> {
                            refuseUnserved(q.snsTopicName(), q.cloudWatchLogsLogGroupArn(),
                                    q.cloudWatchLogsRoleArn(), q.kmsKeyId(), q.enableLogFileValidation());
                            Trail t = trails.update(ctx.tx(), ctx.accountId(), ctx.region(), new TrailService.Update(
                                    q.name(), q.s3BucketName(), q.s3KeyPrefix(), q.includeGlobalServiceEvents(),
                                    q.isMultiRegionTrail(), q.isOrganizationTrail()));
                            return UpdateTrailResponse.builder().name(t.name()).s3BucketName(t.bucket())
                                    .s3KeyPrefix(t.keyPrefix()).includeGlobalServiceEvents(t.includeGlobalServiceEvents())
                                    .isMultiRegionTrail(t.multiRegion()).trailARN(t.arn())
                                    .logFileValidationEnabled(false).isOrganizationTrail(t.organizationTrail()).build();
                        })
                .read("GetTrail", GetTrailRequest.class, "cloudtrail:GetTrail",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:GetTrail", arn(ctx, q.name())),
                        (ctx, q) -> GetTrailResponse.builder()
                                .trail(trail(trails.get(ctx.tx(), ctx.accountId(), ctx.region(), q.name()))).build())
                .read("DescribeTrails", DescribeTrailsRequest.class, "cloudtrail:DescribeTrails",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:DescribeTrails", "*"),
                        (ctx, q) -> DescribeTrailsResponse.builder().trailList(trails.describe(ctx.tx(),
                                ctx.accountId(), ctx.region(), q.trailNameList(), q.includeShadowTrails()).stream()
                                .map(CloudTrailTrailsApi::trail).toList()).build())
                .read("ListTrails", ListTrailsRequest.class, "cloudtrail:ListTrails",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:ListTrails", "*"),
                        (ctx, q) -> ListTrailsResponse.builder().trails(trails.list(ctx.tx(), ctx.accountId())
                                .stream().map(t -> TrailInfo.builder().trailARN(t.arn()).name(t.name())
                                        .homeRegion(t.homeRegion()).build()).toList()).build())
                .read("GetTrailStatus", GetTrailStatusRequest.class, "cloudtrail:GetTrailStatus",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:GetTrailStatus", arn(ctx, q.name())),
                        (ctx, q) -> status(trails.get(ctx.tx(), ctx.accountId(), ctx.region(), q.name())))
                .write("StartLogging", StartLoggingRequest.class, "cloudtrail:StartLogging",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:StartLogging", arn(ctx, q.name())),
                        (ctx, q) -> {
                            trails.startLogging(ctx.tx(), ctx.accountId(), ctx.region(), q.name());
                            return StartLoggingResponse.builder().build();
                        })
                .write("StopLogging", StopLoggingRequest.class, "cloudtrail:StopLogging",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:StopLogging", arn(ctx, q.name())),
                        (ctx, q) -> {
                            trails.stopLogging(ctx.tx(), ctx.accountId(), ctx.region(), q.name());
                            return StopLoggingResponse.builder().build();
                        })
                .write("DeleteTrail", DeleteTrailRequest.class, "cloudtrail:DeleteTrail",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:DeleteTrail", arn(ctx, q.name())),
                        (ctx, q) -> {
                            trails.delete(ctx.tx(), ctx.accountId(), ctx.region(), q.name());
                            return DeleteTrailResponse.builder().build();
                        })
                .note("UpdateTrail", "the same options as CreateTrail; a new bucket or prefix is checked as at "
                        + "creation (D136)")
                .note("CreateTrail", "SNS topics, CloudWatch Logs, a KMS key for the log files and log file "
                        + "validation are refused with UnsupportedOperationException; log files are delivered "
                        + "about every five minutes of the clock (D133)")
                .note("DescribeTrails", "HasInsightSelectors is always false: Insights are not served");
    }

    /**
     * The resource of a call naming a trail: the caller's trail of that name here, or the ARN given. A member account
     * sees its organization's trails as its own (D133), so an ARN of another account is authorized as the caller's.
     */
    static String arn(CallContext ctx, String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            return "arn:aws:cloudtrail:" + ctx.region() + ":" + ctx.accountId() + ":trail/" + nameOrArn;
        }
        Trail.Arn a = Trail.Arn.parse(nameOrArn).orElseThrow(() -> CloudTrailErrors.invalidArn(nameOrArn));
        return "arn:aws:cloudtrail:" + a.region() + ":" + ctx.accountId() + ":trail/" + a.name();
    }

    /** The options CreateTrail and UpdateTrail take that trails do not serve (an empty string asks for none). */
    private static void refuseUnserved(String snsTopic, String logGroupArn, String logsRoleArn, String kmsKeyId,
                                       Boolean logFileValidation) {
        if (given(snsTopic)) {
            throw CloudTrailErrors.unserved("Notification through an SNS topic (SnsTopicName)");
        }
        if (given(logGroupArn) || given(logsRoleArn)) {
            throw CloudTrailErrors.unserved("Delivery to CloudWatch Logs");
        }
        if (given(kmsKeyId)) {
            throw CloudTrailErrors.unserved("Encrypting log files with a KMS key (KmsKeyId)");
        }
        if (Boolean.TRUE.equals(logFileValidation)) {
            throw CloudTrailErrors.unserved("Log file integrity validation (EnableLogFileValidation)");
        }
    }

    private static boolean given(String option) {
        return option != null && !option.isEmpty();
    }

    private static software.amazon.awssdk.services.cloudtrail.model.Trail trail(Trail t) {
        return software.amazon.awssdk.services.cloudtrail.model.Trail.builder().name(t.name())
                .s3BucketName(t.bucket()).s3KeyPrefix(t.keyPrefix())
                .includeGlobalServiceEvents(t.includeGlobalServiceEvents()).isMultiRegionTrail(t.multiRegion())
                .homeRegion(t.homeRegion()).trailARN(t.arn()).logFileValidationEnabled(false)
                .hasCustomEventSelectors(t.hasCustomEventSelectors()).hasInsightSelectors(false)
                .isOrganizationTrail(t.organizationTrail()).build();
    }

    private static GetTrailStatusResponse status(Trail t) {
        return GetTrailStatusResponse.builder().isLogging(t.logging())
                .startLoggingTime(t.startLoggingTime()).stopLoggingTime(t.stopLoggingTime())
                .timeLoggingStarted(text(t.startLoggingTime())).timeLoggingStopped(text(t.stopLoggingTime()))
                .latestDeliveryTime(t.latestDeliveryTime()).latestDeliveryError(t.latestDeliveryError())
                .latestDeliveryAttemptTime(text(t.latestDeliveryAttemptTime()))
                .latestDeliveryAttemptSucceeded(text(t.latestDeliveryTime()))
                .build();
    }

    /** GetTrailStatus's string times: ISO 8601 to the second, as CloudTrail writes them. */
    private static String text(Instant time) {
        return time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
