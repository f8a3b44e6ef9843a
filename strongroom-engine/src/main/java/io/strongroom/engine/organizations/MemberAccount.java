package io.strongroom.engine.organizations;

import java.time.Instant;

/** An account as the organization knows it: where it sits in the tree and how it joined. */
public record MemberAccount(String id, String parentId, String name, String email, String joinedMethod,
                           Instant joinedTimestamp, String state) {
    public MemberAccount movedTo(String newParent) {
        return new MemberAccount(id, newParent, name, email, joinedMethod, joinedTimestamp, state);
    }
}
