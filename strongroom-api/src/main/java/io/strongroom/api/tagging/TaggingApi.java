package io.strongroom.api.tagging;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.tagging.TagFilter;
import io.strongroom.engine.tagging.TaggingService;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.FailureInfo;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagKeysRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagKeysResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagValuesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagValuesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.UntagResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.UntagResourcesResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Resource Groups Tagging API. Tagging needs tag:TagResources and, as on AWS, the owning service's own
 * tagging permission on each resource.
 */
public final class TaggingApi {
    private static final Map<String, String> SERVICE_TAG_ACTION = Map.of("dynamodb", "dynamodb:TagResource",
            "s3", "s3:PutBucketTagging", "elasticfilesystem", "elasticfilesystem:TagResource",
            "ec2", "ec2:CreateTags", "rds", "rds:AddTagsToResource");
    private static final Map<String, String> SERVICE_UNTAG_ACTION = Map.of("dynamodb", "dynamodb:UntagResource",
            "s3", "s3:PutBucketTagging", "elasticfilesystem", "elasticfilesystem:UntagResource",
            "ec2", "ec2:DeleteTags", "rds", "rds:RemoveTagsFromResource");

    private TaggingApi() {
    }

    public static ServiceApi create(TaggingService tagging) {
        return ServiceApi.builder("tagging")
                .read("GetResources", GetResourcesRequest.class, "tag:GetResources",
                        (ctx, q) -> AccessRequirement.of("tag:GetResources", "*"),
                        (ctx, q) -> {
                            TaggingService.ResourcePage page = tagging.getResources(ctx.tx(), ctx.caller(), ctx.region(),
                                    q.tagFilters().stream().map(f -> new TagFilter(f.key(), f.values())).toList(),
                                    q.resourceTypeFilters(), q.resourceARNList(), q.resourcesPerPage(),
                                    q.paginationToken());
                            return GetResourcesResponse.builder()
                                    .resourceTagMappingList(page.resources().stream()
                                            .map(r -> ResourceTagMapping.builder().resourceARN(r.arn())
                                                    .tags(tags(r.tags())).build())
                                            .toList())
                                    .paginationToken(page.nextToken() == null ? "" : page.nextToken())
                                    .build();
                        })
                .read("GetTagKeys", GetTagKeysRequest.class, "tag:GetTagKeys",
                        (ctx, q) -> AccessRequirement.of("tag:GetTagKeys", "*"),
                        (ctx, q) -> GetTagKeysResponse.builder()
                                .tagKeys(tagging.getTagKeys(ctx.tx(), ctx.caller(), ctx.region()))
                                .paginationToken("").build())
                .read("GetTagValues", GetTagValuesRequest.class, "tag:GetTagValues",
                        (ctx, q) -> AccessRequirement.of("tag:GetTagValues", "*"),
                        (ctx, q) -> GetTagValuesResponse.builder()
                                .tagValues(tagging.getTagValues(ctx.tx(), ctx.caller(), ctx.region(), q.key()))
                                .paginationToken("").build())
                .write("TagResources", TagResourcesRequest.class, "tag:TagResources",
                        (ctx, q) -> withServiceActions(AccessRequirement.of("tag:TagResources", "*"),
                                q.resourceARNList(), SERVICE_TAG_ACTION),
                        (ctx, q) -> TagResourcesResponse.builder().failedResourcesMap(failures(
                                tagging.tagResources(ctx.tx(), ctx.caller(), q.resourceARNList(), q.tags()))).build())
                .write("UntagResources", UntagResourcesRequest.class, "tag:UntagResources",
                        (ctx, q) -> withServiceActions(AccessRequirement.of("tag:UntagResources", "*"),
                                q.resourceARNList(), SERVICE_UNTAG_ACTION),
                        (ctx, q) -> UntagResourcesResponse.builder().failedResourcesMap(failures(
                                tagging.untagResources(ctx.tx(), ctx.caller(), q.resourceARNList(), q.tagKeys()))).build())
                .note("GetResources", "covers the resource types Strongroom serves (DynamoDB tables, S3 buckets, EFS file systems, EBS volumes); "
                        + "compliance details are not computed")
                .build();
    }

    private static AccessRequirement withServiceActions(AccessRequirement base, List<String> arns,
                                                        Map<String, String> actions) {
        AccessRequirement requirement = base;
        for (String arn : arns) {
            String[] parts = arn.split(":", 6);
            String action = parts.length == 6 ? actions.get(parts[2]) : null;
            if (action != null) {
                requirement = requirement.and(AccessRequirement.of(action, arn));
            }
        }
        return requirement;
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Map<String, FailureInfo> failures(Map<String, String> failed) {
        return failed.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> FailureInfo.builder().statusCode(400).errorCode("InvalidParameterException")
                        .errorMessage(e.getValue()).build(), (a, b) -> a, LinkedHashMap::new));
    }
}
