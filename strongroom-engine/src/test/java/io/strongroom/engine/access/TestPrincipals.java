package io.strongroom.engine.access;

import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.identity.RoleSession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Callers for engine tests that ask the Authorizer directly. */
public final class TestPrincipals {
    private TestPrincipals() {
    }

    /** A session {@code s} of {@code role}, begun at the test clock's start. */
    public static Principal session(IamRole role) {
        String arn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/s";
        return new Principal(PrincipalType.ASSUMED_ROLE, role.accountId(), arn, role.roleId() + ":s", "s", "ASIAX",
                role.arn(), Instant.parse("2027-02-01T00:00:00Z"), false, Map.of(),
                new RoleSession(role.arn(), role.name(), role.roleId(), null, Set.of(), List.of(), false, false,
                        Instant.parse("2027-02-01T00:00:00Z")));
    }
}
