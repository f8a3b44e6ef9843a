package io.strongroom.engine.backup;

import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code AWSServiceRoleForBackupReports}, the service-linked role Backup Audit Manager acts as in an account: AWS
 * makes it with the account's first framework or report plan, and writes every report into the bucket as a session
 * of it. Its own policy (AWSServiceRolePolicyForBackupReports) grants no {@code s3:PutObject}, so only the bucket's
 * policy can let a report in, and only into a bucket of the role's own account (decision D65).
 */
final class ReportsRole {
    static final String SERVICE = "reports.backup.amazonaws.com";
    static final String SESSION_NAME = "AWSBackup-AWSServiceRoleForBackupReports";

    private final ServiceLinkedRoles roles;
    private final Clock clock;

    ReportsRole(ServiceLinkedRoles roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    /** The account's role, made now when it has none (a data directory older than the role has plans without it). */
    IamRole of(Tx tx, String accountId) {
        return roles.of(tx, accountId, SERVICE);
    }

    /** A session of the account's role, as report delivery acts. */
    Principal session(Tx tx, String accountId) {
        IamRole role = of(tx, accountId);
        return Principal.serviceRoleSession(accountId, role.arn(), role.name(), role.roleId(), SESSION_NAME,
                Instant.now(clock));
    }
}
