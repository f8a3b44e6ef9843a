package io.strongroom.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's organisation ({@code /work/shared/seed/org-backup-rollout.txt}), built through the SDK v2 as its
 * platform team would: the management account creates OUs Production (the production accounts), Sandbox (one
 * account) and Shared (the central backup account), enables BACKUP_POLICY and attaches the seed's daily-prod policy
 * to Production (35 days in each account's local-prod-vault, copy to the central vault kept 2555 days); the backup
 * account owns central-backup-vault under its own KMS key, the seed's access policy (the organization may copy in,
 * only BackupAdminRole may delete) and a COMPLIANCE Vault Lock of 30-2555 days; cross-account backup is enabled.
 * Every member account has AWS Backup's default service role and a local-prod-vault (the seed's Stack Set), so an
 * account moved into Production is ready for the next firing. Used by the ITs and the benchmarks alike.
 */
public final class SeedOrganization {
    public static final String REGION = "eu-west-1";
    public static final String LOCAL_VAULT = "local-prod-vault";
    public static final String CENTRAL_VAULT = "central-backup-vault";
    public static final String TAG_KEY = "Backup";
    public static final String DAILY_PROD = "daily-prod";
    /** The policy's firing time: {@code cron(0 2 ? * * *)}, 02:00 UTC. */
    public static final int FIRING_HOUR_UTC = 2;
    public static final int LOCAL_DAYS = 35;
    public static final int CENTRAL_DAYS = 2555;
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final Endpoint endpoint;
    private final Map<String, AwsCredentials> roots = Collections.synchronizedMap(new LinkedHashMap<>());
    public final String organizationId;
    public final String rootId;
    public final String productionOu;
    public final String sandboxOu;
    public final String sharedOu;
    public final List<String> production = new ArrayList<>();
    public final String sandbox;
    public final String central;
    public final String centralVaultArn;
    public final String policyId;

    private SeedOrganization(Endpoint endpoint, int productionAccounts) {
        this.endpoint = endpoint;
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            organizationId = org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization()
                    .id();
            rootId = org.listRoots().roots().get(0).id();
            productionOu = ou(org, "Production");
            sandboxOu = ou(org, "Sandbox");
            sharedOu = ou(org, "Shared");
            central = account(org, "backup", sharedOu);
            for (int i = 0; i < productionAccounts; i++) {
                production.add(account(org, "production-" + (i + 1), productionOu));
            }
            sandbox = account(org, "playground", sandboxOu);
            centralVaultArn = centralVault();
            for (String member : members()) {
                serviceRoleAndLocalVault(member);
            }
            try (BackupClient management = endpoint.client(BackupClient.builder())) {
                management.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled", "true")));
            }
            org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.BACKUP_POLICY));
            policyId = org.createPolicy(r -> r.name("org-backup").description("daily-prod for Production")
                    .type(PolicyType.BACKUP_POLICY).content(policy(central, LOCAL_DAYS))).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(policyId).targetId(productionOu));
        }
    }

    /** Builds the organisation with {@code productionAccounts} accounts in the Production OU. */
    public static SeedOrganization build(Endpoint endpoint, int productionAccounts) {
        return new SeedOrganization(endpoint, productionAccounts);
    }

    /** The production accounts and the Sandbox account: the accounts that hold resources. */
    public List<String> members() {
        List<String> members = new ArrayList<>(production);
        members.add(sandbox);
        return members;
    }

    public AwsCredentials rootOf(String account) {
        return roots.computeIfAbsent(account, a -> {
            String[] key = endpoint.admin().rootAccessKey(a);
            return AwsBasicCredentials.create(key[1], key[2]);
        });
    }

    public BackupClient backup(String account) {
        return endpoint.client(BackupClient.builder(), rootOf(account));
    }

    /** Moves an account between OUs as the management account does (the seed: "move it into the OU"). */
    public void move(String account, String from, String to) {
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.moveAccount(r -> r.accountId(account).sourceParentId(from).destinationParentId(to));
        }
    }

    /**
     * Creates {@code count} DynamoDB tables {@code prefix-0..} in the account, each with {@code items} items, tagged
     * {@code Backup=tag} unless tag is null; their ARNs.
     */
    public List<String> tables(String account, String prefix, int count, String tag, int items) {
        List<String> arns = new ArrayList<>();
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), rootOf(account))) {
            for (int t = 0; t < count; t++) {
                String name = prefix + "-" + t;
                String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                        .tableDescription().tableArn();
                for (int i = 0; i < items; i++) {
                    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS(name + "-item-" + i),
                            "amount", AttributeValue.fromN(String.valueOf(i * 10)));
                    ddb.putItem(r -> r.tableName(name).item(item));
                }
                if (tag != null) {
                    ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key(TAG_KEY).value(tag).build()));
                }
                arns.add(arn);
            }
        }
        return arns;
    }

    private static String ou(OrganizationsClient org, String name) {
        String root = org.listRoots().roots().get(0).id();
        return org.createOrganizationalUnit(r -> r.parentId(root).name(name)).organizationalUnit().id();
    }

    private String account(OrganizationsClient org, String name, String parent) {
        String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().id();
        String id = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
        org.moveAccount(r -> r.accountId(id).sourceParentId(rootId).destinationParentId(parent));
        return id;
    }

    private String centralVault() {
        String key;
        try (KmsClient kms = endpoint.client(KmsClient.builder(), rootOf(central))) {
            key = kms.createKey(r -> r.description("central backup vault")).keyMetadata().arn();
        }
        try (BackupClient backup = backup(central)) {
            String arn = backup.createBackupVault(r -> r.backupVaultName(CENTRAL_VAULT).encryptionKeyArn(key))
                    .backupVaultArn();
            backup.putBackupVaultAccessPolicy(r -> r.backupVaultName(CENTRAL_VAULT)
                    .policy(centralVaultPolicy(organizationId, central)));
            backup.putBackupVaultLockConfiguration(r -> r.backupVaultName(CENTRAL_VAULT)
                    .minRetentionDays(30L).maxRetentionDays((long) CENTRAL_DAYS).changeableForDays(3L));
            return arn;
        }
    }

    /** The seed's central vault policy, as the demo applies it: the organization may copy in; only BackupAdminRole
     * may delete or rewrite. */
    public static String centralVaultPolicy(String organizationId, String central) {
        return io.strongroom.server.demo.DemoPolicies.centralVaultAccess(organizationId, central);
    }

    private void serviceRoleAndLocalVault(String account) {
        try (IamClient iam = endpoint.client(IamClient.builder(), rootOf(account));
             BackupClient backup = backup(account)) {
            // No path: the policy names arn:aws:iam::$account:role/AWSBackupDefaultServiceRole (the Stack Set's role).
            iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").assumeRolePolicyDocument(TRUST));
            for (String policy : List.of("AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores")) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/" + policy));
            }
            backup.createBackupVault(r -> r.backupVaultName(LOCAL_VAULT));
        }
    }

    /** The seed's backup policy, its central vault ARN naming the backup account, {@code localDays} locally. */
    public static String policy(String centralAccount, int localDays) {
        String vault = "arn:aws:backup:" + REGION + ":" + centralAccount + ":backup-vault:" + CENTRAL_VAULT;
        return """
                {
                  "plans": {
                    "daily-prod": {
                      "regions": { "@@assign": ["REGION"] },
                      "rules": {
                        "daily": {
                          "schedule_expression": { "@@assign": "cron(0 2 ? * * *)" },
                          "start_backup_window_minutes": { "@@assign": "60" },
                          "complete_backup_window_minutes": { "@@assign": "240" },
                          "lifecycle": { "delete_after_days": { "@@assign": "LOCAL_DAYS" } },
                          "target_backup_vault_name": { "@@assign": "LOCAL_VAULT" },
                          "copy_actions": {
                            "VAULT_ARN": {
                              "target_backup_vault_arn": { "@@assign": "VAULT_ARN" },
                              "lifecycle": { "delete_after_days": { "@@assign": "CENTRAL_DAYS" } }
                            }
                          }
                        }
                      },
                      "selections": {
                        "tags": {
                          "daily-prod-resources": {
                            "iam_role_arn": { "@@assign": "arn:aws:iam::$account:role/AWSBackupDefaultServiceRole" },
                            "tag_key": { "@@assign": "Backup" },
                            "tag_value": { "@@assign": ["daily-prod"] }
                          }
                        }
                      }
                    }
                  }
                }
                """.replace("REGION", REGION).replace("LOCAL_DAYS", String.valueOf(localDays))
                .replace("LOCAL_VAULT", LOCAL_VAULT).replace("VAULT_ARN", vault)
                .replace("CENTRAL_DAYS", String.valueOf(CENTRAL_DAYS));
    }
}
