package io.strongroom.orgpolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a management policy's grammar: what may appear under a key, what the effective policy must have,
 * and the element-count quotas checked after merging. Fixed keys are lower case, as the merge emits them.
 */
final class SchemaNode {
    enum Kind {
        /** Fixed keys only. */
        CONTAINER,
        /** Keys chosen by the author (plan, rule, selection names…), each shaped like {@link #entry}. */
        NAMED,
        STRING,
        /** A number, usually written as a string. */
        NUMBER,
        /** A boolean, written either as JSON boolean or string. */
        BOOLEAN,
        STRING_ARRAY
    }

    final Kind kind;
    final Map<String, SchemaNode> fixed = new LinkedHashMap<>();
    final List<String> required;
    SchemaNode entry;
    /** Minimum / maximum entries of a NAMED container or items of an array; -1 when unbounded. */
    int min = -1;
    int max = -1;
    /** Quota on the entries of all NAMED children together (conditions per selection, assignments per plan). */
    int minAcrossChildren = -1;
    int maxAcrossChildren = -1;
    /** The minimum across children is the unconfirmed "selections needs a tag or resource entry" rule. */
    boolean minIsSelectionsRule;
    /** Keys are scanner names such as {@code GUARDDUTY}, whose lower-casing in output is unconfirmed. */
    boolean scannerKeys;

    private SchemaNode(Kind kind, List<String> required) {
        this.kind = kind;
        this.required = required;
    }

    static SchemaNode container(String... required) {
        return new SchemaNode(Kind.CONTAINER, List.of(required));
    }

    static SchemaNode named(SchemaNode entry) {
        SchemaNode node = new SchemaNode(Kind.NAMED, List.of());
        node.entry = entry;
        return node;
    }

    static SchemaNode leaf(Kind kind) {
        return new SchemaNode(kind, List.of());
    }

    SchemaNode with(String key, SchemaNode child) {
        fixed.put(key, child);
        return this;
    }

    SchemaNode bounds(int min, int max) {
        this.min = min;
        this.max = max;
        return this;
    }

    SchemaNode acrossChildren(int min, int max) {
        this.minAcrossChildren = min;
        this.maxAcrossChildren = max;
        return this;
    }

    SchemaNode selectionsRule() {
        this.minIsSelectionsRule = true;
        return this;
    }

    SchemaNode scanners() {
        this.scannerKeys = true;
        return this;
    }

    boolean isLeaf() {
        return kind != Kind.CONTAINER && kind != Kind.NAMED;
    }

    /** The schema of child {@code key} (lower case), or null when the key is not part of the grammar. */
    SchemaNode child(String key) {
        return kind == Kind.NAMED ? entry : fixed.get(key);
    }
}
