package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.Optional;
import java.util.Set;

/**
 * Which organization an account belongs to, as AWS Backup asks Organizations: the management account and AWS Backup's
 * delegated administrator see every member's jobs (ByAccountId, decision D60), and a cross-account copy needs both
 * accounts in one organization (spec 5.3, 7.1).
 */
@FunctionalInterface
public interface Membership {
    /**
     * An account's organization, that organization's management account and the accounts registered with
     * Organizations as delegated administrators for {@code backup.amazonaws.com}.
     */
    record Org(String organizationId, String managementAccountId, Set<String> backupAdministrators) {
        public Org {
            backupAdministrators = Set.copyOf(backupAdministrators);
        }

        public Org(String organizationId, String managementAccountId) {
            this(organizationId, managementAccountId, Set.of());
        }

        /** Does {@code account} watch the whole organization's jobs (cross-account monitoring)? */
        public boolean monitoredBy(String account) {
            return managementAccountId.equals(account) || backupAdministrators.contains(account);
        }
    }

    Membership NONE = (tx, account) -> Optional.empty();

    Optional<Org> of(Tx tx, String accountId);

    /** May {@code caller} see what {@code owner} owns: itself, or who monitors owner's organization. */
    default boolean sees(Tx tx, String caller, String owner) {
        return caller.equals(owner) || of(tx, owner).map(o -> o.monitoredBy(caller)).orElse(false);
    }

    /** Does {@code caller} monitor its organization's jobs: its management account or AWS Backup's delegated admin? */
    default boolean monitors(Tx tx, String caller) {
        return of(tx, caller).map(o -> o.monitoredBy(caller)).orElse(false);
    }
}
