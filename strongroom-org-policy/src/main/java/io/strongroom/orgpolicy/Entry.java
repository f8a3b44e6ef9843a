package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of the merged tree. Entries are copy-on-write: a merge owns the entries it created or copied (its edit
 * token) and mutates only those, so every state handed out stays unchanged and can be shared by all accounts below.
 * The token dies with the merge, so once a {@link MergeState} is returned nothing can edit its entries; the state's
 * final fields publish them safely to other threads.
 */
final class Entry {
    private final Object owner;
    final String displayKey;
    Map<String, Entry> children;
    /** The current value, or null when no operation gave one (JSON null is a NullNode). */
    JsonNode value;
    int assignedAtLevel = -1;
    /** Restrictions folded in from levels before {@link #restrictionLevel}. */
    private int allowedBefore = Operators.ALL_BITS;
    private int restrictionLevel = -1;
    /** Intersection of the restrictions declared at {@link #restrictionLevel}, which does not bind that level. */
    private int restrictionAtLevel = Operators.ALL_BITS;
    PList<Restriction> restrictions = PList.empty();
    PolicySource createdBy;
    PList<Contribution> history = PList.empty();

    Entry(Object owner, String displayKey, PolicySource createdBy) {
        this.owner = owner;
        this.displayKey = displayKey;
        this.createdBy = createdBy;
    }

    private Entry(Object owner, Entry from) {
        this.owner = owner;
        this.displayKey = from.displayKey;
        this.children = from.children == null ? null : new LinkedHashMap<>(from.children);
        this.value = from.value;
        this.assignedAtLevel = from.assignedAtLevel;
        this.allowedBefore = from.allowedBefore;
        this.restrictionLevel = from.restrictionLevel;
        this.restrictionAtLevel = from.restrictionAtLevel;
        this.restrictions = from.restrictions;
        this.createdBy = from.createdBy;
        this.history = from.history;
    }

    /** This entry if the merge holding {@code token} owns it, otherwise a private copy for that merge. */
    Entry editable(Object token) {
        return owner == token ? this : new Entry(token, this);
    }

    /** Operators allowed for policies at {@code level}: restrictions of that very level do not bind it. */
    int allowedAt(int level) {
        return restrictionLevel < level ? allowedBefore & restrictionAtLevel : allowedBefore;
    }

    void restrict(int level, int bits, Restriction declaration) {
        if (restrictionLevel != level) {
            allowedBefore &= restrictionAtLevel;
            restrictionLevel = level;
            restrictionAtLevel = bits;
        } else {
            restrictionAtLevel &= bits;
        }
        restrictions = restrictions.push(declaration);
    }

    Entry child(String key) {
        return children == null ? null : children.get(key);
    }

    void putChild(String key, Entry child) {
        if (children == null) {
            children = new LinkedHashMap<>();
        }
        children.put(key, child);
    }
}
