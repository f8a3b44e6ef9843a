package io.strongroom.engine.cache;

import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;

/**
 * A durable counter per context, bumped by every write that changes what the Authorizer reads
 * (organization structure and policies, IAM entities and policies). A reader that sees generation G in
 * its snapshot may reuse anything computed from another committed snapshot of generation G.
 */
public final class Generation {
    public static final String ORGANIZATIONS = "organizations";
    public static final String IAM = "iam";
    private static final String COLLECTION = "generations";

    private Generation() {
    }

    public static long current(Tx tx, String context) {
        return tx.get(COLLECTION, context).map(r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)))
                .orElse(0L);
    }

    public static void bump(Tx tx, String context) {
        tx.put(COLLECTION, context, Long.toString(current(tx, context) + 1).getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }
}
