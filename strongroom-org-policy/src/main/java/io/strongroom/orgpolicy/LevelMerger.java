package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the policies of one level to the inherited tree (spec 3.4). One instance per merge: its token marks the
 * entries this merge may mutate in place.
 */
final class LevelMerger {
    private static final int VALUE_OPS = Operators.ALL_BITS;

    private final EffectivePolicyOptions options;
    private final Object token = new Object();
    private final int level;
    private PList<IgnoredOperation> ignored;
    private int passOps;
    private boolean firstPass;

    LevelMerger(EffectivePolicyOptions options, int level, PList<IgnoredOperation> inheritedIgnored) {
        this.options = options;
        this.level = level;
        this.ignored = inheritedIgnored;
    }

    PList<IgnoredOperation> ignored() {
        return ignored;
    }

    Entry merge(Entry inherited, List<CompiledPolicy> policies, List<PolicySource> sources) {
        Entry root = inherited == null ? new Entry(token, "", null) : inherited.editable(token);
        if (options.sameLevelOrder() == EffectivePolicyOptions.SameLevelOrder.ATTACHMENT_ORDER) {
            pass(root, policies, sources, VALUE_OPS, true);
        } else {
            pass(root, policies, sources, Operators.ASSIGN_BIT, true);
            pass(root, policies, sources, Operators.APPEND_BIT | Operators.REMOVE_BIT, false);
        }
        return root;
    }

    private void pass(Entry root, List<CompiledPolicy> policies, List<PolicySource> sources, int ops, boolean first) {
        passOps = ops;
        firstPass = first;
        for (int i = 0; i < policies.size(); i++) {
            mergeContainer(policies.get(i).root, root, true, null, sources.get(i));
        }
    }

    private void mergeContainer(CompiledPolicy.Node src, Entry dst, boolean documentRoot, KeyPath path,
                                PolicySource source) {
        for (CompiledPolicy.Node node : src.children) {
            KeyPath childPath = new KeyPath(path, node.key);
            Entry existing = dst.child(node.key);
            Entry entry;
            if (existing == null) {
                int allowed = dst.allowedAt(level);
                if (!documentRoot && !permitsAdditions(allowed)) {
                    if (firstPass) {
                        ignore(childPath, OperationKind.ADD_KEY, source, IgnoreReason.CONTAINER_LOCKED,
                                locksAgainstAdditions(dst), null);
                    }
                    continue;
                }
                entry = new Entry(token, node.displayKey, source);
                dst.putChild(node.key, entry);
            } else {
                entry = existing.editable(token);
                if (entry != existing) {
                    dst.putChild(node.key, entry);
                }
            }
            if (node.restriction >= 0 && firstPass) {
                entry.restrict(level, node.restriction, new Restriction(source, Operators.kindsOf(node.restriction)));
            }
            if (node.isValueNode()) {
                applyValue(node, entry, childPath, source);
            } else if (node.children.length > 0) {
                mergeContainer(node, entry, false, childPath, source);
            }
        }
    }

    private void applyValue(CompiledPolicy.Node node, Entry entry, KeyPath path, PolicySource source) {
        int allowed = entry.allowedAt(level);
        if (node.assign != null && (passOps & Operators.ASSIGN_BIT) != 0) {
            if ((allowed & Operators.ASSIGN_BIT) == 0) {
                ignore(path, OperationKind.ASSIGN, source, IgnoreReason.OPERATOR_LOCKED,
                        locksAgainst(entry, OperationKind.ASSIGN), null);
            } else if (entry.assignedAtLevel == level) {
                ignore(path, OperationKind.ASSIGN, source, IgnoreReason.SAME_LEVEL_FIRST_ATTACHED_WINS, List.of(),
                        lastAssigner(entry));
            } else {
                entry.value = node.assign;
                entry.assignedAtLevel = level;
                record(entry, OperationKind.ASSIGN, source, node.assignJson);
            }
        }
        if (node.append != null && (passOps & Operators.APPEND_BIT) != 0) {
            if ((allowed & Operators.APPEND_BIT) == 0) {
                ignore(path, OperationKind.APPEND, source, IgnoreReason.OPERATOR_LOCKED,
                        locksAgainst(entry, OperationKind.APPEND), null);
            } else if (entry.value != null && !entry.value.isArray()) {
                ignore(path, OperationKind.APPEND, source, IgnoreReason.NOT_AN_ARRAY, List.of(), null);
            } else {
                entry.value = appended((ArrayNode) entry.value, node.append);
                record(entry, OperationKind.APPEND, source, node.appendJson);
            }
        }
        if (node.remove != null && (passOps & Operators.REMOVE_BIT) != 0) {
            if ((allowed & Operators.REMOVE_BIT) == 0) {
                ignore(path, OperationKind.REMOVE, source, IgnoreReason.OPERATOR_LOCKED,
                        locksAgainst(entry, OperationKind.REMOVE), null);
            } else if (entry.value == null) {
                ignore(path, OperationKind.REMOVE, source, IgnoreReason.NOTHING_TO_REMOVE, List.of(), null);
            } else if (!entry.value.isArray()) {
                ignore(path, OperationKind.REMOVE, source, IgnoreReason.NOT_AN_ARRAY, List.of(), null);
            } else {
                ArrayNode rest = removed((ArrayNode) entry.value, node.remove);
                entry.value = rest.isEmpty() && !options.keepEmptyArrayAfterRemove() ? null : rest;
                record(entry, OperationKind.REMOVE, source, node.removeJson);
            }
        }
    }

    /** A new array each time: inherited arrays are shared with other states and must never change. */
    private ArrayNode appended(ArrayNode inherited, ArrayNode items) {
        ArrayNode result = PolicyJson.MAPPER.createArrayNode();
        if (inherited != null) {
            result.addAll(inherited);
        }
        for (JsonNode item : items) {
            if (!options.appendSkipsPresentItems() || !contains(result, item)) {
                result.add(item);
            }
        }
        return result;
    }

    private static ArrayNode removed(ArrayNode inherited, ArrayNode items) {
        ArrayNode result = PolicyJson.MAPPER.createArrayNode();
        for (JsonNode item : inherited) {
            if (!contains(items, item)) {
                result.add(item);
            }
        }
        return result;
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode present : array) {
            if (present.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private boolean permitsAdditions(int allowed) {
        int opening = options.containerAdditions() == EffectivePolicyOptions.ContainerAdditions.APPEND_ONLY
                ? Operators.APPEND_BIT : Operators.APPEND_BIT | Operators.ASSIGN_BIT;
        return (allowed & opening) != 0;
    }

    private List<Restriction> locksAgainst(Entry entry, OperationKind kind) {
        List<Restriction> locks = new ArrayList<>();
        for (Restriction restriction : entry.restrictions.toList()) {
            if (restriction.source().level() < level && !restriction.allowed().contains(kind)) {
                locks.add(restriction);
            }
        }
        return locks;
    }

    private List<Restriction> locksAgainstAdditions(Entry container) {
        List<Restriction> locks = new ArrayList<>();
        for (Restriction restriction : container.restrictions.toList()) {
            if (restriction.source().level() < level && !permitsAdditions(bitsOf(restriction))) {
                locks.add(restriction);
            }
        }
        return locks;
    }

    private static int bitsOf(Restriction restriction) {
        int bits = 0;
        for (OperationKind kind : restriction.allowed()) {
            bits |= Operators.bitOf(kind.operator());
        }
        return bits;
    }

    private static PolicySource lastAssigner(Entry entry) {
        for (PList<Contribution> cell = entry.history; !cell.isEmpty(); cell = cell.tail) {
            if (cell.head.operation() == OperationKind.ASSIGN) {
                return cell.head.source();
            }
        }
        return null;
    }

    /** Always kept, even without explanations: validity errors name the contributing policies from it. */
    private static void record(Entry entry, OperationKind kind, PolicySource source, String operand) {
        entry.history = entry.history.push(new Contribution(kind, source, operand));
    }

    private void ignore(KeyPath path, OperationKind kind, PolicySource source, IgnoreReason reason,
                        List<Restriction> locks, PolicySource winner) {
        if (!firstPass && kind == OperationKind.ADD_KEY) {
            return;
        }
        ignored = ignored.push(new IgnoredOperation(path.dotted(), kind, source, reason, locks, winner));
    }

    /** Parent-linked key path, turned into text only when an operation is actually ignored. */
    record KeyPath(KeyPath parent, String key) {
        String dotted() {
            return parent == null ? key : parent.dotted() + "." + key;
        }
    }
}
