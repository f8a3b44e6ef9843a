package io.strongroom.engine.iam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A tag on an IAM user, role, policy or MFA device. Keys compare case-insensitively, as IAM does. */
public record IamTag(String key, String value) {

    /** Checks a tag list as given to a Create or Tag call: at most 50, keys unique regardless of case. */
    static List<IamTag> checked(List<IamTag> tags) {
        List<IamTag> list = tags == null ? List.of() : List.copyOf(tags);
        Set<String> seen = new HashSet<>();
        for (IamTag tag : list) {
            IamInput.tagKey(tag.key());
            IamInput.tagValue(tag.value());
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        if (list.size() > 50) {
            throw IamErrors.tooManyTags();
        }
        return list;
    }

    /** {@code existing} with {@code added} merged in: a key already present (in any case) takes the new value. */
    static List<IamTag> merge(List<IamTag> existing, List<IamTag> added) {
        List<IamTag> checkedAdded = checked(added);
        List<IamTag> out = new ArrayList<>(existing);
        for (IamTag tag : checkedAdded) {
            out.removeIf(t -> t.key().equalsIgnoreCase(tag.key()));
            out.add(tag);
        }
        if (out.size() > 50) {
            throw IamErrors.tooManyTags();
        }
        return List.copyOf(out);
    }

    static List<IamTag> remove(List<IamTag> existing, List<String> keys) {
        List<String> list = keys == null ? List.of() : keys;
        list.forEach(IamInput::tagKey);
        List<IamTag> out = new ArrayList<>(existing);
        out.removeIf(t -> list.stream().anyMatch(k -> k.equalsIgnoreCase(t.key())));
        return List.copyOf(out);
    }
}
