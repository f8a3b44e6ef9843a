package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** CreateTags, DeleteTags and DescribeTags over every kind of resource served (volumes, instances, images, snapshots). */
public final class Ec2Tags {
    private static final Set<String> TAG_FILTERS = Set.of("resource-id", "resource-type", "key", "value");

    private final List<TaggedResources> kinds;

    public Ec2Tags(Ec2Service volumes, InstanceService instances, ImageService images, SnapshotService snapshots) {
        this.kinds = List.of(volumes, instances, images, snapshots);
    }

    /** CreateTags: every resource must exist and be the caller's; all or nothing. */
    public void createTags(Tx tx, String account, String region, List<String> resourceIds, Map<String, String> tags) {
        if (resourceIds == null || resourceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("resourceIdSet");
        }
        if (tags == null || tags.isEmpty()) {
            throw Ec2Errors.missingParameter("tagSet");
        }
        Map<String, String> added = TagRules.nonNull(tags);
        TagRules.validate(added);
        resolve(tx, account, region, resourceIds).forEach((id, kind) -> {
            Map<String, String> merged = new TreeMap<>(kind.tagsOf(tx, account, region, id));
            merged.putAll(added);
            if (merged.size() > TagRules.MAX_TAGS) {
                throw TagRules.tagLimitExceeded();
            }
            kind.replaceTags(tx, account, region, id, merged);
        });
    }

    /**
     * DeleteTags: a key with a value deletes the tag only when the value matches; a key without a value
     * deletes it whatever its value; no tags at all deletes every tag.
     */
    public void deleteTags(Tx tx, String account, String region, List<String> resourceIds,
                           Map<String, String> keysAndValues) {
        if (resourceIds == null || resourceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("resourceIdSet");
        }
        if (keysAndValues != null) {
            keysAndValues.keySet().forEach(TagRules::checkNotReserved); // AWS's own tags stay
        }
        resolve(tx, account, region, resourceIds).forEach((id, kind) -> {
            Map<String, String> remaining = new TreeMap<>(kind.tagsOf(tx, account, region, id));
            if (keysAndValues == null || keysAndValues.isEmpty()) {
                remaining.keySet().removeIf(k -> !k.startsWith("aws:"));
            } else {
                keysAndValues.forEach((k, value) -> {
                    if (value == null || value.equals(remaining.get(k))) {
                        remaining.remove(k);
                    }
                });
            }
            kind.replaceTags(tx, account, region, id, remaining);
        });
    }

    public record TagDescription(String resourceId, String resourceType, String key, String value) {
    }

    public record TagPage(List<TagDescription> tags, String nextToken) {
    }

    /** DescribeTags over the caller's resources: filters resource-id, resource-type, key, value, tag:<key>. */
    public TagPage describeTags(Tx tx, String account, String region, List<Inputs.Filter> filters,
                                Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, TAG_FILTERS));
        List<TagDescription> all = new ArrayList<>();
        for (TaggedResources kind : kinds) {
            for (Map.Entry<String, Map<String, String>> r : kind.tagged(tx, account, region)) {
                r.getValue().forEach((k, v) -> all.add(new TagDescription(r.getKey(), kind.resourceType(), k, v)));
            }
        }
        all.sort(java.util.Comparator.comparing(t -> t.resourceId() + "\u0000" + t.key()));
        List<TagDescription> matching = all.stream().filter(t -> fs.stream().allMatch(f -> {
            List<String> values = Listing.values(f);
            if (f.name().startsWith("tag:")) {
                return t.key().equals(f.name().substring(4)) && Listing.anyGlob(values, t.value());
            }
            return switch (f.name()) {
                case "resource-id" -> Listing.anyGlob(values, t.resourceId());
                case "resource-type" -> Listing.anyGlob(values, t.resourceType());
                case "key" -> Listing.anyGlob(values, t.key());
                case "value" -> Listing.anyGlob(values, t.value());
                default -> false;
            };
        })).toList();
        return Listing.page(matching, t -> t.resourceId() + "\u0000" + t.key(), maxResults, nextToken, 5, 1000,
                TagPage::new);
    }

    /** Every id to its kind, checking each exists first, so that a bad id changes nothing. */
    private Map<String, TaggedResources> resolve(Tx tx, String account, String region, List<String> ids) {
        Map<String, TaggedResources> out = new LinkedHashMap<>();
        for (String id : ids) {
            TaggedResources kind = kinds.stream().filter(k -> id != null && id.startsWith(k.idPrefix()))
                    .findFirst().orElseThrow(() -> Ec2Errors.invalidId(id));
            kind.tagsOf(tx, account, region, id);
            out.put(id, kind);
        }
        return out;
    }
}
