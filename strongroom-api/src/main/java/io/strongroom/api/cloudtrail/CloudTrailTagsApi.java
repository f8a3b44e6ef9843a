package io.strongroom.api.cloudtrail;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.cloudtrail.TrailTags;
import software.amazon.awssdk.services.cloudtrail.model.AddTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.AddTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.RemoveTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.RemoveTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AddTags, RemoveTags and ListTags on trails (D136), with the request's tags as IAM condition keys. */
final class CloudTrailTagsApi {
    private CloudTrailTagsApi() {
    }

    static void add(ServiceApi.Builder api, TrailTags tags) {
        api.write("AddTags", AddTagsRequest.class, "cloudtrail:AddTags",
                        (ctx, q) -> tagging(ctx, "cloudtrail:AddTags", q.resourceId(), q.tagsList(), true),
                        (ctx, q) -> {
                            tags.add(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceId(), tags(q.tagsList()));
                            return AddTagsResponse.builder().build();
                        })
                .write("RemoveTags", RemoveTagsRequest.class, "cloudtrail:RemoveTags",
                        (ctx, q) -> tagging(ctx, "cloudtrail:RemoveTags", q.resourceId(), q.tagsList(), false),
                        (ctx, q) -> {
                            tags.remove(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceId(), tags(q.tagsList()));
                            return RemoveTagsResponse.builder().build();
                        })
                .read("ListTags", ListTagsRequest.class, "cloudtrail:ListTags",
                        (ctx, q) -> new AccessRequirement(List.of("cloudtrail:ListTags"), q.resourceIdList().isEmpty()
                                ? List.of("*") : q.resourceIdList().stream()
                                .map(id -> CloudTrailTrailsApi.arn(ctx, id)).toList(), Map.of(), false),
                        (ctx, q) -> ListTagsResponse.builder().resourceTagList(tags.list(ctx.tx(), ctx.accountId(),
                                ctx.region(), q.resourceIdList()).entrySet().stream()
                                .map(e -> ResourceTag.builder().resourceId(e.getKey()).tagsList(sdkTags(e.getValue()))
                                        .build()).toList()).build())
                .note("AddTags", "trails only; event data stores, channels and dashboards are not served (D136)");
    }

    /** AddTags asks with aws:RequestTag/key and aws:TagKeys, RemoveTags with aws:TagKeys, as IAM documents. */
    private static AccessRequirement tagging(CallContext ctx, String action, String resourceId, List<Tag> tags,
                                             boolean requestTags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (requestTags && tag.key() != null) {
                keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value()));
            }
        }
        List<String> tagKeys = tags.stream().map(Tag::key).filter(k -> k != null).toList();
        if (!tagKeys.isEmpty()) {
            keys.put("aws:TagKeys", tagKeys);
        }
        return new AccessRequirement(List.of(action), List.of(resourceId == null ? "*"
                : CloudTrailTrailsApi.arn(ctx, resourceId)), keys, false);
    }

    static List<TrailTags.Tag> tags(List<Tag> tags) {
        return tags.stream().map(t -> new TrailTags.Tag(t.key(), t.value())).toList();
    }

    private static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
