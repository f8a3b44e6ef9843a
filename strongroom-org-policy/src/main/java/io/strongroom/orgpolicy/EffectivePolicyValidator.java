package io.strongroom.orgpolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Schema and quota checks of a merged document (spec 3.5): the reasons an effective policy is not pushed. */
final class EffectivePolicyValidator {
    private final EffectivePolicyOptions options;
    private final Renderer renderer;
    private final List<ValidationError> errors = new ArrayList<>();

    EffectivePolicyValidator(EffectivePolicyOptions options, Renderer renderer) {
        this.options = options;
        this.renderer = renderer;
    }

    List<ValidationError> validate(Entry root, SchemaNode schema) {
        walk(root, schema, "");
        return errors;
    }

    private void walk(Entry entry, SchemaNode schema, String path) {
        switch (schema.kind) {
            case CONTAINER -> container(entry, schema, path);
            case NAMED -> {
                List<Map.Entry<String, Entry>> named = presentChildren(entry);
                bounds(schema.min, schema.max, named.size(), path, entry);
                for (Map.Entry<String, Entry> child : named) {
                    walk(child.getValue(), schema.entry, join(path, child.getKey()));
                }
            }
            case STRING_ARRAY -> {
                if (entry.value != null && entry.value.isArray()) {
                    bounds(schema.min, schema.max, entry.value.size(), path, entry);
                }
            }
            default -> {
            }
        }
    }

    private void container(Entry entry, SchemaNode schema, String path) {
        for (String key : schema.required) {
            Entry child = entry.child(key);
            if (child == null || !renderer.present(child)) {
                String where = options.keyRequiredPath() == EffectivePolicyOptions.KeyRequiredPath.CONTAINER
                        ? path : join(path, key);
                errors.add(new ValidationError(ValidationError.KEY_REQUIRED,
                        "The required key \"" + key + "\" is missing from " + describe(path) + ".", where,
                        contributors(entry)));
            }
        }
        if (schema.minAcrossChildren >= 0 || schema.maxAcrossChildren >= 0) {
            int count = 0;
            for (Map.Entry<String, Entry> child : presentChildren(entry)) {
                SchemaNode childSchema = schema.child(child.getKey());
                if (childSchema != null && childSchema.kind == SchemaNode.Kind.NAMED) {
                    count += presentChildren(child.getValue()).size();
                }
            }
            boolean checkMin = options.selectionsNeedTagsOrResources() || !schema.minIsSelectionsRule;
            bounds(checkMin ? schema.minAcrossChildren : -1, schema.maxAcrossChildren, count, path, entry);
        }
        for (Map.Entry<String, Entry> child : presentChildren(entry)) {
            SchemaNode childSchema = schema.child(child.getKey());
            if (childSchema != null) {
                walk(child.getValue(), childSchema, join(path, child.getKey()));
            }
        }
    }

    private void bounds(int min, int max, int count, String path, Entry entry) {
        if (min >= 0 && count < min) {
            errors.add(new ValidationError(ValidationError.ELEMENTS_TOO_FEW, describe(path) + " must contain at least "
                    + min + " element" + (min == 1 ? "" : "s") + " but contains " + count + ".", path,
                    contributors(entry)));
        }
        if (max >= 0 && count > max) {
            errors.add(new ValidationError(ValidationError.ELEMENTS_TOO_MANY, describe(path) + " can contain at most "
                    + max + " elements but contains " + count + ".", path, contributors(entry)));
        }
    }

    private List<Map.Entry<String, Entry>> presentChildren(Entry entry) {
        List<Map.Entry<String, Entry>> present = new ArrayList<>();
        if (entry.children != null) {
            for (Map.Entry<String, Entry> child : entry.children.entrySet()) {
                if (renderer.present(child.getValue())) {
                    present.add(child);
                }
            }
        }
        return present;
    }

    /** Every policy that created or changed something in the subtree, ordered by level, each once. */
    private List<String> contributors(Entry entry) {
        Map<String, PolicySource> byId = new LinkedHashMap<>();
        collect(entry, byId);
        List<PolicySource> sources = new ArrayList<>(byId.values());
        sources.sort(Comparator.comparingInt(PolicySource::level));
        List<String> ids = new ArrayList<>(sources.size());
        sources.forEach(source -> ids.add(source.policyId()));
        return ids;
    }

    private void collect(Entry entry, Map<String, PolicySource> byId) {
        if (entry.createdBy != null) {
            byId.putIfAbsent(entry.createdBy.policyId(), entry.createdBy);
        }
        for (Contribution step : entry.history.toList()) {
            byId.putIfAbsent(step.source().policyId(), step.source());
        }
        if (entry.children != null) {
            for (Entry child : entry.children.values()) {
                collect(child, byId);
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the policy" : "\"" + path + "\"";
    }
}
