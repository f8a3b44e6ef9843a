package io.strongroom.ec2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an account changed with CreateTags and DeleteTags on a resource whose tags EC2 does not own: the tags AWS
 * Backup gave one of its AMIs or snapshots at backup time, or none for a catalogue image (D118, D122). The resource's
 * tags are those it was given, less {@code removed}, plus {@code set}; so AWS Backup's tags still show where the
 * account left them alone.
 *
 * @param resourceId the image's ({@code ami-}) or snapshot's ({@code snap-}) id
 * @param set        keys added or given another value, with their values
 * @param removed    keys of the given tags that were deleted
 */
public record TagEdits(String accountId, String region, String resourceId, Map<String, String> set,
                       List<String> removed) {
    public TagEdits {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resourceId, "resourceId");
        set = Map.copyOf(set);
        removed = List.copyOf(removed);
    }

    public static String key(String account, String region, String resourceId) {
        return prefix(account, region) + resourceId;
    }

    /** The keys of every edit of one account in one Region start with this. */
    public static String prefix(String account, String region) {
        return account + "/" + region + "/";
    }

    public String key() {
        return key(accountId, region, resourceId);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }

    /** The resource's tags: those it was given, less the removed, plus the set (which win). */
    public Map<String, String> applyTo(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>(given);
        removed.forEach(out::remove);
        out.putAll(set);
        return out;
    }

    /** The edits that turn the tags a resource was given into {@code wanted}. */
    public static TagEdits between(String account, String region, String resourceId, Map<String, String> given,
                                   Map<String, String> wanted) {
        Map<String, String> set = new TreeMap<>();
        wanted.forEach((k, v) -> {
            if (!given.containsKey(k) || !Objects.equals(given.get(k), v)) {
                set.put(k, v);
            }
        });
        List<String> removed = given.keySet().stream().filter(k -> !wanted.containsKey(k)).sorted().toList();
        return new TagEdits(account, region, resourceId, set, removed);
    }
}
