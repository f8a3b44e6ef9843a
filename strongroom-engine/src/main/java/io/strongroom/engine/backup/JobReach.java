package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Whose jobs ListBackupJobs, ListCopyJobs and ListRestoreJobs read for a caller asking with ByAccountId (decision
 * D60): without it or with its own id, its own; with {@code *}, every account of its organization when it is the
 * management account or AWS Backup's delegated administrator, else its own; with another account's id, that
 * account's when the caller monitors it, else nobody's.
 *
 * @param account the one account read; null with {@code owners}: every account the caller sees
 * @param owners  whether an account's jobs are included (asked once per account per listing)
 */
record JobReach(String account, Predicate<String> owners) {
    private static final JobReach NOBODY = new JobReach(null, owner -> false);

    static JobReach of(Tx tx, Membership membership, String caller, String requested) {
        if (requested == null || requested.equals(caller)) {
            return own(caller);
        }
        if ("*".equals(requested)) {
            if (!membership.monitors(tx, caller)) {
                return own(caller);
            }
            Map<String, Boolean> seen = new HashMap<>();
            return new JobReach(null, owner -> seen.computeIfAbsent(owner, o -> membership.sees(tx, caller, o)));
        }
        return membership.sees(tx, caller, requested) ? own(requested) : NOBODY;
    }

    private static JobReach own(String account) {
        return new JobReach(account, account::equals);
    }

    /** Nobody's jobs: the listing is empty without reading any. */
    boolean nobody() {
        return this == NOBODY;
    }
}
