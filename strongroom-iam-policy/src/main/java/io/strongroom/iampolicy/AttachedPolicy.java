package io.strongroom.iampolicy;

/** A parsed document and the names a decision reports it by. */
public record AttachedPolicy(PolicyRef ref, PolicyDocument document) {
    public AttachedPolicy {
        if (ref == null || document == null) {
            throw new IllegalArgumentException("an attached policy needs a reference and a document");
        }
    }

    public static AttachedPolicy of(String id, String name, String arn, PolicyDocument document) {
        return new AttachedPolicy(new PolicyRef(id, name, arn), document);
    }

    public static AttachedPolicy named(String name, PolicyDocument document) {
        return new AttachedPolicy(new PolicyRef(null, name, null), document);
    }
}
