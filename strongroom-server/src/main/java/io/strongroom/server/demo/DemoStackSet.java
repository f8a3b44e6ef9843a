package io.strongroom.server.demo;

import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.organizations.AccountsService;

import java.util.List;

/**
 * The seed's StackSet: AWSBackupDefaultServiceRole, with AWS Backup's backup and restore policies, in every account of
 * the organization. The demo makes it in its twenty accounts through IAM; an account created later with CreateAccount
 * gets it at its creation, as a StackSet with automatic deployment gives new accounts its stack (CloudFormation is not
 * served, so the demo server stands in for it; decision D70).
 */
public final class DemoStackSet {
    static final String ROLE = "AWSBackupDefaultServiceRole";
    static final String PATH = "/service-role/";
    /** S3 needs its own two policies (path /): the general ones do not cover s3:GetObject and friends. */
    static final List<String> POLICIES = List.of("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore");

    private DemoStackSet() {
    }

    /** From now on every account CreateAccount makes gets the role, in the transaction that makes the account. */
    public static void deployToNewAccounts(AccountsService accounts, IamRoles roles) {
        accounts.addAccountCreatedListener((tx, organizationId, accountId) ->
                roles.ensureRoleWithManagedPolicies(tx, accountId, ROLE, PATH, DemoPolicies.BACKUP_TRUST, POLICIES));
    }
}
