package io.strongroom.engine.backup;

import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import static io.strongroom.engine.access.TestPrincipals.session;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.iam.RolesOnlyDirectory;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.kms.KmsKeyPolicies;
import io.strongroom.engine.kms.KmsService;
import io.strongroom.engine.kms.MasterKey;
import io.strongroom.engine.kms.RandomBytes;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.time.ClockService;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The seed's central vault in the backup account, with the access policy "source accounts may put, never delete",
 * evaluated by the Authorizer as every call and, later, every copy job will be: a role of a source account in the
 * organization may CopyIntoBackupVault and may not DeleteRecoveryPoint; an account outside the organization may not
 * copy in; no other cross-account call passes, whatever the policy allows; inside the backup account the Deny binds
 * every role but BreakGlass, root included.
 */
class CentralVaultPolicyTest {
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";
    static final String MANAGEMENT = "111111111111";
    static final String OUTSIDER = "333333333333";

    @TempDir
    Path dir;
    Store store;
    ClockService clock;
    Authorizer authorizer;
    VaultService vaults;
    String backupAccount;
    String vaultArn;
    Map<String, Principal> callers = new java.util.HashMap<>();
    IamRoles roles;
    static final String BACKUP_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    static String centralPolicy(String orgId, String backupAccount) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"OrgMayCopyIn\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"backup:CopyIntoBackupVault\",\"backup:DescribeBackupVault\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"" + orgId + "\"}}},"
                + "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":[\"backup:DeleteRecoveryPoint\",\"backup:UpdateRecoveryPointLifecycle\","
                + "\"backup:PutBackupVaultAccessPolicy\",\"backup:DeleteBackupVault\"],\"Resource\":\"*\","
                + "\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::" + backupAccount
                + ":role/BreakGlass\"}}}]}";
    }

    @BeforeEach
    void organization() {
        store = StoreFactory.open(dir.resolve("s.db").toString());
        clock = ClockService.open(store, true, Instant.parse("2027-02-01T00:00:00Z"), Clock.systemUTC());
        IdGenerator ids = new IdGenerator("test");
        IdentityService identity = new IdentityService(clock.clock(), (alphabet, n) -> "A".repeat(n));
        roles = new IamRoles(ids, clock.clock());
        Organizations orgs = new Organizations(ids, clock.clock(), identity, roles, Duration.ZERO);
        orgs.timerHandlers().forEach(clock::register);
        authorizer = new Authorizer(new RolesOnlyDirectory(roles), orgs, clock.clock());
        SecureRandom random = new SecureRandom();
        RandomBytes bytes = n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        };
        KmsService kms = new KmsService(clock.clock(), ids, bytes, new MasterKey(bytes.next(32), bytes), authorizer);
        authorizer.addResourcePolicySource(new KmsKeyPolicies(kms));
        vaults = new VaultService(clock.clock(), new KmsVaultKeys(kms), VaultContents.NONE, BackupOptions.DEFAULT);
        authorizer.addResourcePolicySource(new VaultAccessPolicies(vaults));
        Principal management = Principal.root(MANAGEMENT, "AKIAMANAGEMENT");
        String[] requests = store.write(tx -> {
            identity.ensureAccount(tx, MANAGEMENT, "management", "m@example.com");
            identity.ensureAccount(tx, OUTSIDER, "outsider", "o@example.com");
            orgs.organizations().createOrganization(tx, management, "ALL");
            return new String[]{
                    orgs.accounts().createAccount(tx, management, "payments@example.com", "payments", null,
                            List.of()).id(),
                    orgs.accounts().createAccount(tx, management, "backup@example.com", "backup", null,
                            List.of()).id()};
        });
        clock.runDue();
        store.write(tx -> {
            String payments = orgs.accounts().describeCreateAccountStatus(tx, management, requests[0]).accountId();
            backupAccount = orgs.accounts().describeCreateAccountStatus(tx, management, requests[1]).accountId();
            String orgId = orgs.organizations().describeOrganization(tx, management).id();
            BackupVault vault = vaults.createBackupVault(tx, backupAccount, "eu-west-1",
                    new VaultService.CreateVault("central-backup-vault", null, Map.of(), null));
            vaults.putVaultLock(tx, backupAccount, "eu-west-1", vault.name(), 30L, 2555L, 30L);
            vaults.putAccessPolicy(tx, backupAccount, "eu-west-1", vault.name(), centralPolicy(orgId, backupAccount));
            vaultArn = vault.arn();
            callers.put("payments-role", session(roles.ensureRole(tx, payments, "AWSBackupDefaultServiceRole", "/",
                    "{}", Map.of("admin", ADMIN))));
            callers.put("payments-root", Principal.root(payments, "AKIAPAYMENTS"));
            callers.put("outsider-role", session(roles.ensureRole(tx, OUTSIDER, "Copier", "/", "{}",
                    Map.of("admin", ADMIN))));
            callers.put("backup-admin", session(roles.ensureRole(tx, backupAccount, "BackupAdminRole", "/", "{}",
                    Map.of("admin", ADMIN))));
            callers.put("break-glass", session(roles.ensureRole(tx, backupAccount, "BreakGlass", "/", "{}",
                    Map.of("admin", ADMIN))));
            callers.put("backup-root", Principal.root(backupAccount, "AKIABACKUP"));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Decision decide(String caller, String action) {
        return store.read(tx -> authorizer.authorize(tx, new AuthorizationRequest(callers.get(caller),
                List.of(action), List.of(vaultArn), Map.of())));
    }

    @ParameterizedTest(name = "{0} {1}: allowed={2}")
    @CsvSource({
            "payments-role, backup:CopyIntoBackupVault, true",
            "payments-root, backup:CopyIntoBackupVault, true",
            "payments-role, backup:DeleteRecoveryPoint, false",
            "payments-role, backup:UpdateRecoveryPointLifecycle, false",
            // The policy allows it to the organization, but only copies in may cross accounts.
            "payments-role, backup:DescribeBackupVault, false",
            "payments-role, backup:DeleteBackupVaultLockConfiguration, false",
            "outsider-role, backup:CopyIntoBackupVault, false",
            "backup-admin, backup:DeleteRecoveryPoint, false",
            "backup-admin, backup:DeleteBackupVault, false",
            "backup-admin, backup:DescribeBackupVault, true",
            "backup-root, backup:DeleteRecoveryPoint, false",
            "backup-root, backup:PutBackupVaultAccessPolicy, false",
            "break-glass, backup:DeleteRecoveryPoint, true"})
    void centralVaultAccess(String caller, String action, boolean allowed) {
        Decision decision = decide(caller, action);
        assertThat(decision.allowed()).as(decision.explanation()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(decision.message()).contains(action, vaultArn);
        }
    }

    @Test
    void theVaultIsLockedInComplianceModeAndItsKeyIsTheAccountsAwsBackupKey() {
        BackupVault vault = store.read(tx -> vaults.vault(tx, backupAccount, "eu-west-1", "central-backup-vault"));
        assertThat(vault.lock().compliance()).isTrue();
        assertThat(vault.lock().lockDate()).isEqualTo(Instant.parse("2027-03-03T00:00:00Z"));
        assertThat(vault.encryptionKeyArn()).startsWith("arn:aws:kms:eu-west-1:" + backupAccount + ":key/");
        assertThat(vault.encryptionKeyType()).isNull();
        clock.advance(Duration.ofDays(30));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> store.write(tx -> {
            vaults.deleteVaultLock(tx, backupAccount, "eu-west-1", "central-backup-vault");
            return null;
        }));
        assertThat(e.code()).isEqualTo("InvalidRequestException");
    }

    @Test
    void aVaultWithRecoveryPointsCannotBeDeleted() {
        VaultService holding = new VaultService(vaults.store(), clock.clock(), null, (tx, arn) -> 1L,
                BackupOptions.DEFAULT);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> store.write(tx -> {
            holding.deleteBackupVault(tx, backupAccount, "eu-west-1", "central-backup-vault");
            return null;
        }));
        assertThat(e.code()).isEqualTo("InvalidRequestException");
        assertThat(e.getMessage()).isEqualTo("Backup vault cannot be deleted because it contains recovery points.");
        assertThat(e.details()).containsEntry("Code", "ERROR_9101");
    }

    /**
     * A copy job's role asked the same question again in one transaction gets the answer the policies give then: a
     * role created meanwhile is found, and a changed vault policy is read by the next transaction (D119).
     */
    @Test
    void aJobRolesAnswersFollowTheRoleAndThePolicyWithinAndAcrossTransactions() {
        JobRole jobRole = new JobRole(new RolesOnlyDirectory(roles), authorizer, clock.clock());
        String payments = callers.get("payments-root").accountId();
        String mover = "arn:aws:iam::" + payments + ":role/Mover";
        List<java.util.Optional<String>> answers = store.write(tx -> {
            java.util.Optional<String> before = jobRole.refusal(tx, mover, "backup:CopyIntoBackupVault", vaultArn,
                    null);
            roles.ensureRole(tx, payments, "Mover", "/", BACKUP_TRUST, Map.of("admin", ADMIN));
            return List.of(before, jobRole.refusal(tx, mover, "backup:CopyIntoBackupVault", vaultArn, null),
                    jobRole.refusal(tx, mover, "backup:CopyIntoBackupVault", vaultArn, null));
        });
        assertThat(answers.get(0)).hasValue("IAM Role " + mover + " does not exist.");
        assertThat(answers.get(1)).as("the role made in the same transaction").isEmpty();
        assertThat(answers.get(2)).isEmpty();

        store.write(tx -> {
            vaults.putAccessPolicy(tx, backupAccount, "eu-west-1", "central-backup-vault", "{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                    + "\"Action\":\"backup:CopyIntoBackupVault\",\"Resource\":\"*\"}]}");
            return null;
        });
        java.util.Optional<String> after = store.write(tx -> jobRole.refusal(tx, mover,
                "backup:CopyIntoBackupVault", vaultArn, null));
        assertThat(after).as("the next transaction reads the vault's new policy").isPresent();
        assertThat(after.get()).startsWith("Access denied: ").contains("backup:CopyIntoBackupVault");
    }
}
