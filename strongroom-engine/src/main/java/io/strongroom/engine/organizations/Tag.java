package io.strongroom.engine.organizations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tag as the API passes it. */
public record Tag(String key, String value) {
    /** The tags as a map, refusing a key given twice. */
    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            if (out.put(tag.key(), tag.value()) != null) {
                throw OrganizationsErrors.invalidInput("DUPLICATE_TAG_KEY", "Duplicate tag key: " + tag.key());
            }
        }
        OrgInput.tags(out);
        return out;
    }
}
