package io.strongroom.engine.access;

import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.iam.RolesOnlyDirectory;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.time.ClockService;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.strongroom.engine.access.TestPrincipals.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's protect-backups SCP attached at the root, evaluated by the Authorizer for a table of
 * actions and callers: backup deletion denied to a member's admin, allowed to BackupAdminRole and to the
 * management account; the untagged-resource statement as written never fires (aws:PrincipalOrgPath is
 * not a key), while the corrected one on aws:PrincipalOrgPaths does.
 */
class SeedServiceControlPolicyTest {
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    static final String DELETE_ACTIONS = "[\"backup:DeleteBackupVault\",\"backup:DeleteRecoveryPoint\","
            + "\"backup:PutBackupVaultAccessPolicy\",\"backup:DeleteBackupVaultAccessPolicy\","
            + "\"backup:RemoveBackupVaultLockConfiguration\",\"backup:StopBackupJob\"]";
    static final String CREATE_ACTIONS = "[\"rds:CreateDBInstance\",\"rds:CreateDBCluster\",\"dynamodb:CreateTable\",\"ec2:RunInstances\"]";

    static String seedScp(String untaggedCondition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyBackupDeletionExceptAdmin\",\"Effect\":\"Deny\","
                + "\"Action\":" + DELETE_ACTIONS + ",\"Resource\":\"*\",\"Condition\":{\"ArnNotEquals\":"
                + "{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/BackupAdminRole\"}}},{\"Sid\":\"DenyUntaggedProductionResources\","
                + "\"Effect\":\"Deny\",\"Action\":" + CREATE_ACTIONS + ",\"Resource\":\"*\",\"Condition\":{\"Null\":"
                + "{\"aws:RequestTag/Backup\":\"true\"}," + untaggedCondition + "}}]}";
    }

    @TempDir
    Path dir;
    Store store;
    Authorizer authorizer;
    Principal operator;
    Principal backupAdmin;
    Principal management;

    @BeforeEach
    void organization() {
        store = StoreFactory.open(dir.resolve("s.db").toString());
        ClockService clock = ClockService.open(store, true, Instant.parse("2027-02-01T00:00:00Z"), Clock.systemUTC());
        IdGenerator ids = new IdGenerator("test");
        IdentityService identity = new IdentityService(clock.clock(), (alphabet, n) -> "A".repeat(n));
        IamRoles roles = new IamRoles(ids, clock.clock());
        Organizations orgs = new Organizations(ids, clock.clock(), identity, roles, Duration.ZERO);
        orgs.timerHandlers().forEach(clock::register);
        authorizer = new Authorizer(new RolesOnlyDirectory(roles), orgs, clock.clock());
        management = Principal.root("111111111111", "AKIAMANAGEMENT");
        String member = store.write(tx -> {
            identity.ensureAccount(tx, "111111111111", "management", "m@example.com");
            var org = orgs.organizations().createOrganization(tx, management, "ALL");
            var production = orgs.organizations().createOrganizationalUnit(tx, management, org.rootId(), "Production", List.of());
            var request = orgs.accounts().createAccount(tx, management, "payments@example.com", "payments", null, List.of());
            return production.id() + "|" + request.id();
        });
        clock.runDue();
        String[] parts = member.split("\\|");
        store.write(tx -> {
            String account = orgs.accounts().describeCreateAccountStatus(tx, management, parts[1]).accountId();
            String rootId = orgs.organizations().describeOrganization(tx, management).rootId();
            orgs.accounts().moveAccount(tx, management, account, rootId, parts[0]);
            var asWritten = orgs.policies().createPolicy(tx, management, seedScp(
                    "\"StringEquals\":{\"aws:PrincipalOrgPath\":\"o-xxx/r-yyy/ou-Production\"}"), "", "protect-backups",
                    "SERVICE_CONTROL_POLICY", List.of());
            orgs.policies().attachPolicy(tx, management, asWritten.id(), rootId);
            IamRole operatorRole = roles.ensureRole(tx, account, "Operator", "/", "{}", Map.of("admin", ADMIN));
            IamRole adminRole = roles.ensureRole(tx, account, "BackupAdminRole", "/", "{}", Map.of("admin", ADMIN));
            operator = session(operatorRole);
            backupAdmin = session(adminRole);
            return null;
        });
        this.orgs = orgs;
    }

    Organizations orgs;

    @AfterEach
    void close() {
        store.close();
    }

    private Decision decide(Principal who, String action, Map<String, List<String>> keys) {
        return store.read(tx -> authorizer.authorize(tx, new AuthorizationRequest(who, List.of(action), List.of("*"), keys)));
    }

    @ParameterizedTest(name = "{0} by {1}: allowed={2}")
    @CsvSource({
            "backup:DeleteRecoveryPoint, operator, false",
            "backup:DeleteBackupVault, operator, false",
            "backup:RemoveBackupVaultLockConfiguration, operator, false",
            "backup:StopBackupJob, operator, false",
            "backup:StartBackupJob, operator, true",
            "backup:DeleteRecoveryPoint, backupAdmin, true",
            "backup:DeleteBackupVault, backupAdmin, true",
            "backup:DeleteRecoveryPoint, management, true",
            "dynamodb:CreateTable, operator, true",
            "ec2:RunInstances, operator, true"})
    void actionTable(String action, String who, boolean allowed) {
        Principal principal = switch (who) {
            case "operator" -> operator;
            case "backupAdmin" -> backupAdmin;
            default -> management;
        };
        Decision decision = decide(principal, action, Map.of());
        assertThat(decision.allowed()).as(decision.explanation()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(decision.message()).contains(action, "with an explicit deny in a service control policy",
                    ", with policy ARN: arn:aws:organizations::111111111111:policy/o-");
            assertThat(decision.explanation()).contains("DenyBackupDeletionExceptAdmin");
        }
    }

    @org.junit.jupiter.api.Test
    void theCorrectedStatementOnPrincipalOrgPathsDeniesUntaggedProductionResources() {
        store.write(tx -> {
            String rootId = orgs.organizations().describeOrganization(tx, management).rootId();
            var corrected = orgs.policies().createPolicy(tx, management, seedScp(
                    "\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":\"o-*/r-*/ou-*/\"}"), "", "protect-backups-fixed",
                    "SERVICE_CONTROL_POLICY", List.of());
            orgs.policies().attachPolicy(tx, management, corrected.id(), rootId);
            return null;
        });

        assertThat(decide(operator, "dynamodb:CreateTable", Map.of()).allowed()).isFalse();
        assertThat(decide(operator, "dynamodb:CreateTable", Map.of("aws:RequestTag/Backup", List.of("daily-prod")))
                .allowed()).isTrue();
        assertThat(decide(management, "dynamodb:CreateTable", Map.of()).allowed()).isTrue();
    }
}
