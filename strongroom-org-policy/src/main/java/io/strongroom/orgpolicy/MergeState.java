package io.strongroom.orgpolicy;

import java.util.List;

/**
 * The merged result of a prefix of an account's path (root, then OUs). Immutable: one OU's state is the parent of
 * every child OU and account below it, which is how a tree-wide computation shares work.
 */
public final class MergeState {
    final PolicyType type;
    final int depth;
    final Entry root;
    final PList<IgnoredOperation> ignored;
    final PList<String> targetIds;
    final int policyCount;

    MergeState(PolicyType type, int depth, Entry root, PList<IgnoredOperation> ignored, PList<String> targetIds,
               int policyCount) {
        this.type = type;
        this.depth = depth;
        this.root = root;
        this.ignored = ignored;
        this.targetIds = targetIds;
        this.policyCount = policyCount;
    }

    public PolicyType type() {
        return type;
    }

    /** Number of levels merged so far; the next level merged gets this index. */
    public int depth() {
        return depth;
    }

    /** The targets merged so far, root first. */
    public List<String> targetIds() {
        return targetIds.toList();
    }

    /** Number of attached policies of the type met on the path so far; 0 means no effective policy exists. */
    public int policyCount() {
        return policyCount;
    }
}
