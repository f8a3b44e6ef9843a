package io.strongroom.engine.cache;

import io.strongroom.storage.Generations;
import io.strongroom.storage.Tx;

/**
 * A durable counter per context, bumped by every write that changes what the Authorizer reads
 * (organization structure and policies, IAM entities and policies). A reader that sees generation G in
 * its snapshot may reuse anything computed from another committed snapshot of generation G.
 */
public final class Generation {
    public static final String ORGANIZATIONS = "organizations";
    public static final String IAM = "iam";

    private Generation() {
    }

    public static long current(Tx tx, String context) {
        return Generations.current(tx, context);
    }

    public static void bump(Tx tx, String context) {
        Generations.bump(tx, context);
    }
}
