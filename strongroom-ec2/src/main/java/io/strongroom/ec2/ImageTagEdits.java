package io.strongroom.ec2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an account changed with CreateTags and DeleteTags on an image whose tags EC2 does not own: the tags AWS Backup
 * gave one of its AMIs at backup time, or none for a catalogue image (D118). The image's tags are those it was given,
 * less {@code removed}, plus {@code set}; so AWS Backup's tags still show where the account left them alone.
 *
 * @param set     keys added or given another value, with their values
 * @param removed keys of the given tags that were deleted
 */
public record ImageTagEdits(String accountId, String region, String imageId, Map<String, String> set,
                            List<String> removed) {
    public ImageTagEdits {
        set = Map.copyOf(set);
        removed = List.copyOf(removed);
    }

    public static String key(String account, String region, String imageId) {
        return account + "/" + region + "/" + imageId;
    }

    public String key() {
        return key(accountId, region, imageId);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }

    /** The image's tags: those it was given, less the removed, plus the set (which win). */
    public Map<String, String> applyTo(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>(given);
        removed.forEach(out::remove);
        out.putAll(set);
        return out;
    }

    /** The edits that turn the tags an image was given into {@code wanted}. */
    public static ImageTagEdits between(String account, String region, String imageId, Map<String, String> given,
                                        Map<String, String> wanted) {
        Map<String, String> set = new TreeMap<>();
        wanted.forEach((k, v) -> {
            if (!given.containsKey(k) || !Objects.equals(given.get(k), v)) {
                set.put(k, v);
            }
        });
        List<String> removed = given.keySet().stream().filter(k -> !wanted.containsKey(k)).sorted().toList();
        return new ImageTagEdits(account, region, imageId, set, removed);
    }
}
