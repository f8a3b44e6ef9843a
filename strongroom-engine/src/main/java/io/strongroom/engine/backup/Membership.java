package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.Optional;

/**
 * Which organization an account belongs to, as AWS Backup asks Organizations: the management account sees every
 * member's jobs (ByAccountId), and a cross-account copy needs both accounts in one organization (spec 5.3, 7.1).
 */
@FunctionalInterface
public interface Membership {
    /** An account's organization and that organization's management account. */
    record Org(String organizationId, String managementAccountId) {
    }

    Membership NONE = (tx, account) -> Optional.empty();

    Optional<Org> of(Tx tx, String accountId);

    /** May {@code caller} see what {@code owner} owns: itself, or the management account of owner's organization. */
    default boolean sees(Tx tx, String caller, String owner) {
        return caller.equals(owner) || of(tx, owner).map(o -> o.managementAccountId().equals(caller)).orElse(false);
    }
}
