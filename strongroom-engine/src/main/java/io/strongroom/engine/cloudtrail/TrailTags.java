package io.strongroom.engine.cloudtrail;

import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AddTags, RemoveTags and ListTags on trails (D136), kept on the trail with the tags given at creation, and AWS's
 * rules for them: at most 50 tags on a trail, keys of 1 to 128 and values of at most 256 characters of AWS's tag
 * character set, keys unique in a request and none starting with the reserved {@code aws:}.
 */
public final class TrailTags {
    static final int MAX_TAGS = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;
    private static final int MAX_LISTED = 20;
    private static final Pattern CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /** One tag as a request gives it; a key without a value is kept with none. */
    public record Tag(String key, String value) {
    }

    private final TrailService trails;

    public TrailTags(TrailService trails) {
        this.trails = trails;
    }

    public void add(Tx tx, String account, String region, String resourceId, List<Tag> tags) {
        Map<String, String> added = checked(tags);
        Trail trail = TrailService.mayChange(trail(tx, account, region, resourceId), account, region);
        Map<String, String> merged = new LinkedHashMap<>(trail.tags());
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw CloudTrailErrors.tooManyTags(MAX_TAGS);
        }
        trails.save(tx, trail.withTags(merged));
    }

    /** Removes the keys given; a value given with a key need not match the tag's (CloudTrail removes by key). */
    public void remove(Tx tx, String account, String region, String resourceId, List<Tag> tags) {
        Trail trail = TrailService.mayChange(trail(tx, account, region, resourceId), account, region);
        Map<String, String> remaining = new LinkedHashMap<>(trail.tags());
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            remaining.remove(tag.key());
        }
        trails.save(tx, trail.withTags(remaining));
    }

    /** The tags of each trail named (up to 20), in the order given, keyed by the ARN as given. */
    public Map<String, Map<String, String>> list(Tx tx, String account, String region, List<String> resourceIds) {
        if (resourceIds.size() > MAX_LISTED) {
            throw CloudTrailErrors.invalidParameter("ResourceIdList can name at most " + MAX_LISTED + " resources.");
        }
        Map<String, Map<String, String>> listed = new LinkedHashMap<>();
        for (String id : resourceIds) {
            Trail trail = trail(tx, account, region, id);
            if (!trail.homeRegion().equals(region) && !trail.multiRegion()) {
                throw CloudTrailErrors.resourceNotFound(id); // ListTags answers for the trails of the caller's Region
            }
            listed.put(id, trail.tags());
        }
        return listed;
    }

    private Trail trail(Tx tx, String account, String region, String resourceId) {
        if (resourceId == null || resourceId.isEmpty()) {
            throw CloudTrailErrors.invalidArn(String.valueOf(resourceId));
        }
        return trails.find(tx, account, region, resourceId)
                .orElseThrow(() -> CloudTrailErrors.resourceNotFound(resourceId));
    }

    /** The tags of a request as a map, after AWS's checks. */
    static Map<String, String> checked(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            String key = tag.key();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY || !CHARS.matcher(key).matches()) {
                throw CloudTrailErrors.invalidTag("Tag key " + key + " is not valid: a key has 1 to " + MAX_KEY
                        + " letters, digits, spaces or the characters _.:/=+-@.");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw CloudTrailErrors.invalidTag("Tag key " + key + " is not valid: the aws: prefix is reserved for "
                        + "AWS use.");
            }
            String value = tag.value();
            if (value != null && (value.length() > MAX_VALUE || !CHARS.matcher(value).matches())) {
                throw CloudTrailErrors.invalidTag("Tag value of key " + key + " is not valid: a value has at most "
                        + MAX_VALUE + " letters, digits, spaces or the characters _.:/=+-@.");
            }
            if (map.containsKey(key)) {
                throw CloudTrailErrors.invalidTag("Tag key " + key + " is given more than once.");
            }
            map.put(key, value);
        }
        if (map.size() > MAX_TAGS) {
            throw CloudTrailErrors.tooManyTags(MAX_TAGS);
        }
        return map;
    }
}
