package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A restore testing selection (spec 10.2): the protected resources of one type a plan tests, by ARN or by tag
 * conditions, the role that restores them, metadata overrides, and how long a restored resource is kept for
 * validation before it is deleted.
 */
public record RestoreTestingSelection(String accountId, String region, String planName, String name,
                                      Instant creationTime, String creatorRequestId, String iamRoleArn,
                                      List<String> protectedResourceArns, List<KeyValue> stringEquals,
                                      List<KeyValue> stringNotEquals, String protectedResourceType,
                                      Map<String, String> metadataOverrides, int validationWindowHours,
                                      Instant updateTime) {
    public RestoreTestingSelection {
        protectedResourceArns = protectedResourceArns == null ? List.of() : List.copyOf(protectedResourceArns);
        stringEquals = stringEquals == null ? List.of() : List.copyOf(stringEquals);
        stringNotEquals = stringNotEquals == null ? List.of() : List.copyOf(stringNotEquals);
        metadataOverrides = metadataOverrides == null ? Map.of() : Map.copyOf(metadataOverrides);
    }

    /** A condition on a resource tag: the key is {@code aws:ResourceTag/<tag>} (or the tag's key alone). */
    public record KeyValue(String key, String value) {
        String tagKey() {
            return key.startsWith(TAG_PREFIX) ? key.substring(TAG_PREFIX.length()) : key;
        }
    }

    private static final String TAG_PREFIX = "aws:ResourceTag/";

    /** Whether this selection covers the resource a recovery point was made of, with the tags it had then. */
    boolean selects(RecoveryPoint p) {
        if (!protectedResourceType.equals(p.resourceType())) {
            return false;
        }
        if (!protectedResourceArns.contains("*")) {
            return protectedResourceArns.contains(p.resourceArn());
        }
        Map<String, String> tags = p.resourceTags();
        return stringEquals.stream().allMatch(c -> c.value().equals(tags.get(c.tagKey())))
                && stringNotEquals.stream().noneMatch(c -> c.value().equals(tags.get(c.tagKey())));
    }
}
