package io.strongroom.engine.organizations;

/** A policy of the organization; {@code content} exactly as submitted. */
public record OrgPolicy(String id, String type, String name, String description, String content, boolean awsManaged) {
    public OrgPolicy withChanges(String newName, String newDescription, String newContent) {
        return new OrgPolicy(id, type, newName == null ? name : newName,
                newDescription == null ? description : newDescription, newContent == null ? content : newContent,
                awsManaged);
    }
}
