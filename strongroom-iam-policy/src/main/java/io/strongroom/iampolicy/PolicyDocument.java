package io.strongroom.iampolicy;

import java.util.List;

/** A parsed, validated policy document of one {@link PolicyKind}. Immutable; safe to cache and share. */
public final class PolicyDocument {
    public static final String CURRENT_VERSION = "2012-10-17";

    private final PolicyKind kind;
    private final String version;
    private final String id;
    private final List<Statement> statements;
    private final String json;

    PolicyDocument(PolicyKind kind, String version, String id, List<Statement> statements, String json) {
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
        this.json = json;
    }

    /**
     * Parses and validates with default settings (not a managed policy: Version may be absent).
     *
     * @throws PolicyTooLarge          over the kind's size limit (checked first)
     * @throws MalformedPolicyDocument anything else wrong, with AWS's message (spec 1.8)
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        return parse(json, kind, ParseSettings.defaults());
    }

    public static PolicyDocument parse(String json, PolicyKind kind, ParseSettings settings) {
        if (json == null || kind == null || settings == null) {
            throw new IllegalArgumentException("json, kind and settings are required");
        }
        int limit = settings.effectiveLimit(kind);
        if (limit > 0) {
            int size = kind.measure(json);
            if (size > limit) {
                throw PolicyTooLarge.of(kind, size, limit);
            }
        }
        PolicyDocument document = new PolicyParser(kind, settings.options()).parse(json);
        new PolicyValidator(kind, settings).validate(document);
        return document;
    }

    public PolicyKind kind() {
        return kind;
    }

    /** As written; null when absent (which means 2008-10-17). */
    public String version() {
        return version;
    }

    /** The {@code Id} member, null when absent. */
    public String id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The text as received. */
    public String json() {
        return json;
    }

    /** Policy variables are only expanded under Version 2012-10-17 (spec 1.1). */
    public boolean variablesEnabled() {
        return CURRENT_VERSION.equals(version);
    }
}
