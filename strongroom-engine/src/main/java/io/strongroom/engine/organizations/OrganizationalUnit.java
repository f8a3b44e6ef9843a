package io.strongroom.engine.organizations;

/** An OU: its parent (root or OU), name, and depth below the root (1 to 5). */
public record OrganizationalUnit(String id, String parentId, String name, int depth) {
    public OrganizationalUnit withName(String newName) {
        return new OrganizationalUnit(id, parentId, newName, depth);
    }
}
