package io.strongroom.iampolicy;

import java.util.List;

/** One statement of a {@link PolicyDocument}, as written and compiled for matching. */
public final class Statement {
    public enum Effect { ALLOW, DENY }

    private final int index;
    private final String sid;
    private final Effect effect;
    private final PrincipalElement principal;
    private final boolean notPrincipal;
    private final List<String> actions;
    private final boolean notAction;
    private final List<String> resources;
    private final boolean notResource;
    private final List<Condition> conditions;
    private final List<Template> resourceTemplates;
    private TextPosition start;
    private TextPosition end;

    Statement(int index, String sid, Effect effect, PrincipalElement principal, boolean notPrincipal,
              List<String> actions, boolean notAction, List<String> resources, boolean notResource,
              List<Condition> conditions, boolean variables) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.principal = principal;
        this.notPrincipal = notPrincipal;
        this.actions = actions == null ? null : List.copyOf(actions);
        this.notAction = notAction;
        this.resources = resources == null ? null : List.copyOf(resources);
        this.notResource = notResource;
        this.conditions = List.copyOf(conditions);
        // variables may only sit in the sixth ARN segment, after five colons (spec 1.4)
        this.resourceTemplates = resources == null ? List.of()
                : resources.stream().map(r -> Template.parse(r, variables, 5)).toList();
    }

    /** Set once by the parser, before the document is published. */
    Statement at(StatementPositions.Extent extent) {
        this.start = extent.start();
        this.end = extent.end();
        return this;
    }

    /** Where the statement's opening brace is in the document's text; null if unknown. */
    public TextPosition start() {
        return start;
    }

    /** The position just past the statement's closing brace; null if unknown. */
    public TextPosition end() {
        return end;
    }

    /**
     * The condition keys the statement refers to, as written: its Condition keys and the variables in its Resource,
     * NotResource and condition values.
     */
    public List<String> contextKeys() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        resourceTemplates.forEach(t -> keys.addAll(t.variableKeys()));
        for (Condition condition : conditions) {
            keys.add(condition.key());
            condition.templates().forEach(t -> keys.addAll(t.variableKeys()));
        }
        return List.copyOf(keys);
    }

    /** Zero-based position in the document. */
    public int index() {
        return index;
    }

    /** Null when the statement has none. */
    public String sid() {
        return sid;
    }

    public Effect effect() {
        return effect;
    }

    /** Principal or NotPrincipal (see {@link #notPrincipal()}); null when neither is present. */
    public PrincipalElement principal() {
        return principal;
    }

    public boolean notPrincipal() {
        return notPrincipal;
    }

    /** Action or NotAction patterns (see {@link #notAction()}); null when neither is present. */
    public List<String> actions() {
        return actions;
    }

    public boolean notAction() {
        return notAction;
    }

    /** Resource or NotResource patterns; null when neither is present (role trust policies). */
    public List<String> resources() {
        return resources;
    }

    public boolean notResource() {
        return notResource;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    List<Template> resourceTemplates() {
        return resourceTemplates;
    }

    public StatementRef ref() {
        return new StatementRef(index, sid);
    }
}
