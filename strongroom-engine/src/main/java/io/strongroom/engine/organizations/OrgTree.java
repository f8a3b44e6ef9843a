package io.strongroom.engine.organizations;

import io.strongroom.storage.Tx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Reading the tree: parents, the path of a node from the root, and every account below a node. */
final class OrgTree {
    private final OrganizationStore store;

    OrgTree(OrganizationStore store) {
        this.store = store;
    }

    /** The kind of an existing target, or empty when no such root, OU or account is in the organization. */
    Optional<TargetType> typeOf(Tx tx, Organization org, String targetId) {
        if (org.rootId().equals(targetId)) {
            return Optional.of(TargetType.ROOT);
        }
        if (OrgInput.isOu(targetId) && store.ou(tx, org.id(), targetId).isPresent()) {
            return Optional.of(TargetType.ORGANIZATIONAL_UNIT);
        }
        if (OrgInput.isAccount(targetId) && store.account(tx, org.id(), targetId).isPresent()) {
            return Optional.of(TargetType.ACCOUNT);
        }
        return Optional.empty();
    }

    boolean parentExists(Tx tx, Organization org, String parentId) {
        return org.rootId().equals(parentId) || (OrgInput.isOu(parentId) && store.ou(tx, org.id(), parentId).isPresent());
    }

    Optional<String> parentOf(Tx tx, Organization org, String childId) {
        if (OrgInput.isOu(childId)) {
            return store.ou(tx, org.id(), childId).map(OrganizationalUnit::parentId);
        }
        return store.account(tx, org.id(), childId).map(MemberAccount::parentId);
    }

    /** Target ids from the root down to {@code targetId} inclusive. */
    List<String> path(Tx tx, Organization org, String targetId) {
        List<String> path = new ArrayList<>();
        String current = targetId;
        while (current != null && !current.equals(org.rootId())) {
            path.add(current);
            current = parentOf(tx, org, current).orElse(null);
        }
        path.add(org.rootId());
        Collections.reverse(path);
        return path;
    }

    /** AWS's path string: o-x/r-x/ou-.../[account/] each followed by '/'. */
    String pathString(Tx tx, Organization org, String targetId) {
        return org.id() + "/" + String.join("/", path(tx, org, targetId)) + "/";
    }

    /** Every account at or below {@code targetId}. */
    List<String> accountsUnder(Tx tx, Organization org, String targetId) {
        if (OrgInput.isAccount(targetId)) {
            return List.of(targetId);
        }
        List<String> accounts = new ArrayList<>();
        Deque<String> parents = new ArrayDeque<>(List.of(targetId));
        while (!parents.isEmpty()) {
            String parent = parents.pop();
            accounts.addAll(allChildren(tx, org, parent, "A"));
            parents.addAll(allChildren(tx, org, parent, "O"));
        }
        return accounts;
    }

    /**
     * One page of a parent's direct children of one kind ("A" accounts, "O" OUs), after checking the
     * parent exists; tokens are bound to {@code listing}.
     */
    Page<String> childPage(Tx tx, Organization org, String parentId, String kind, String listing, String nextToken,
                           Integer maxResults) {
        int size = PageTokens.size(maxResults);
        if (!parentExists(tx, org, parentId)) {
            throw OrganizationsErrors.parentNotFound();
        }
        Page<String> ids = store.children(tx, org.id(), parentId, kind, PageTokens.decode(listing, nextToken), size);
        return new Page<>(ids.items(), PageTokens.encode(listing, ids.nextToken()));
    }

    List<String> allChildren(Tx tx, Organization org, String parentId, String kind) {
        List<String> out = new ArrayList<>();
        String after = null;
        do {
            Page<String> page = store.children(tx, org.id(), parentId, kind, after, 500);
            out.addAll(page.items());
            after = page.nextToken();
        } while (after != null);
        return out;
    }
}
