package io.strongroom.server.demo;

import io.strongroom.engine.iam.Totp;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ControlInputParameter;
import software.amazon.awssdk.services.backup.model.FrameworkControl;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.PolicyTypeAlreadyEnabledException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings up the seed's organisation on an empty server through the public APIs only, as a user would script it: the
 * management account's root creates the organisation, its OUs and accounts; each account's own root key (from the
 * admin API, as AWS gives one at sign-in) sets up that account. The SCP comes last, as it would on a real estate
 * whose resources predate it. Idempotent: a marker in the data directory says it is done.
 */
public final class DemoSeed {
    static final String BACKUP_SERVICE = "backup.amazonaws.com";
    private final DemoClients clients;
    private final AwsCredentials management;
    private final DemoFiles files;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final Map<String, AwsCredentials> roots = new LinkedHashMap<>();
    private final Map<String, AwsCredentials> extraProfiles = new LinkedHashMap<>();
    private String organizationId;
    private String rootId;
    private final Map<String, String> ous = new LinkedHashMap<>();

    private DemoSeed(DemoClients clients, AwsCredentials management, DemoFiles files) {
        this.clients = clients;
        this.management = management;
        this.files = files;
    }

    /** What a run did: whether it built anything, and how long it took. */
    public record Outcome(boolean built, Duration took, DemoFiles files) {
    }

    /** Builds the demo unless the data directory says it is already there. */
    public static Outcome ensure(URI endpoint, String adminToken, String managementKeyId, String managementSecret,
                                 java.nio.file.Path dataDir) {
        DemoFiles files = new DemoFiles(dataDir);
        if (files.complete()) {
            return new Outcome(false, Duration.ZERO, files);
        }
        long started = System.nanoTime();
        new DemoSeed(new DemoClients(endpoint, adminToken),
                AwsBasicCredentials.create(managementKeyId, managementSecret), files).build();
        return new Outcome(true, Duration.ofNanos(System.nanoTime() - started), files);
    }

    private void build() {
        organization();
        accounts.forEach((name, id) -> roots.put(name, clients.rootKey(id)));
        serviceRole("management", management);
        roots.forEach(this::serviceRole);
        String backupAccount = accounts.get(DemoEstate.BACKUP_ACCOUNT);
        new DemoVaults(clients, organizationId, backupAccount).central(roots.get(DemoEstate.BACKUP_ACCOUNT));
        String mfaSeed = breakGlass(backupAccount);
        crossAccountBackupAndDelegatedAudit();
        DemoResources resources = new DemoResources(clients);
        for (String name : DemoEstate.seed().ous().get(0).accounts()) {
            new DemoVaults(clients, organizationId, backupAccount).local(roots.get(name));
            resources.production(name, accounts.get(name), roots.get(name));
        }
        for (String name : DemoEstate.NO_BACKUP_STRATEGY) {
            resources.untagged(name, accounts.get(name), roots.get(name));
        }
        paymentsRestoreRoleAndAdmin();
        audit();
        policies(backupAccount);
        Map<String, AwsCredentials> profiles = new LinkedHashMap<>();
        profiles.put("management", management);
        profiles.putAll(roots);
        profiles.putAll(extraProfiles);
        files.write(organizationId, accounts, profiles, mfaSeed, resources.databases());
    }

    private void organization() {
        try (OrganizationsClient org = clients.client(OrganizationsClient.builder(), management)) {
            organizationId = org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            rootId = org.listRoots().roots().get(0).id();
            for (PolicyType type : List.of(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.BACKUP_POLICY)) {
                try {
                    org.enablePolicyType(r -> r.rootId(rootId).policyType(type));
                } catch (PolicyTypeAlreadyEnabledException alreadyOn) {
                    // SCPs may be on from the start, as on AWS for new organizations
                }
            }
            for (DemoEstate.Ou ou : DemoEstate.seed().ous()) {
                String ouId = org.createOrganizationalUnit(r -> r.parentId(rootId).name(ou.name()))
                        .organizationalUnit().id();
                ous.put(ou.name(), ouId);
                for (String name : ou.accounts()) {
                    String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                            .createAccountStatus().id();
                    String id = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request))
                            .createAccountStatus().accountId();
                    org.moveAccount(r -> r.accountId(id).sourceParentId(rootId).destinationParentId(ouId));
                    accounts.put(name, id);
                }
            }
        }
    }

    /** The seed's StackSet ({@link DemoStackSet}) in an account the demo makes: the role, through IAM. */
    private void serviceRole(String name, AwsCredentials root) {
        try (IamClient iam = clients.client(IamClient.builder(), root)) {
            iam.createRole(r -> r.roleName(DemoStackSet.ROLE).path(DemoStackSet.PATH)
                    .assumeRolePolicyDocument(DemoPolicies.BACKUP_TRUST));
            for (String policy : DemoStackSet.POLICIES) {
                iam.attachRolePolicy(r -> r.roleName(DemoStackSet.ROLE).policyArn(policy));
            }
        }
    }

    /**
     * BackupAdminRole in the backup account, assumable only with MFA and a ticket (source identity INC-*), and the
     * break-glass user "oncall" with a virtual MFA device whose seed the demo prints.
     */
    private String breakGlass(String backupAccount) {
        try (IamClient iam = clients.client(IamClient.builder(), roots.get(DemoEstate.BACKUP_ACCOUNT))) {
            String roleArn = iam.createRole(r -> r.roleName("BackupAdminRole")
                    .assumeRolePolicyDocument(DemoPolicies.breakGlassTrust(backupAccount))).role().arn();
            iam.putRolePolicy(r -> r.roleName("BackupAdminRole").policyName("backup-admin")
                    .policyDocument(DemoPolicies.ALLOW_BACKUP_AND_RDS));
            iam.createUser(r -> r.userName("oncall"));
            iam.putUserPolicy(r -> r.userName("oncall").policyName("break-glass")
                    .policyDocument(DemoPolicies.mayAssume(roleArn)));
            var key = iam.createAccessKey(r -> r.userName("oncall")).accessKey();
            extraProfiles.put("oncall", AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("oncall")).virtualMFADevice();
            String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
            long step = Totp.step(clients.now().getEpochSecond());
            iam.enableMFADevice(r -> r.userName("oncall").serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.code(seed, step)).authenticationCode2(Totp.code(seed, step + 1)));
            return seed;
        }
    }

    private void crossAccountBackupAndDelegatedAudit() {
        try (BackupClient backup = clients.client(BackupClient.builder(), management);
             OrganizationsClient org = clients.client(OrganizationsClient.builder(), management)) {
            backup.updateGlobalSettings(r -> r.globalSettings(Map.of("isCrossAccountBackupEnabled", "true")));
            org.enableAWSServiceAccess(r -> r.servicePrincipal(BACKUP_SERVICE));
            org.registerDelegatedAdministrator(r -> r.accountId(accounts.get(DemoEstate.AUDIT_ACCOUNT))
                    .servicePrincipal(BACKUP_SERVICE));
        }
    }

    /** payments' restore role (for restores of its local points) and its administrator user. */
    private void paymentsRestoreRoleAndAdmin() {
        try (IamClient iam = clients.client(IamClient.builder(), roots.get("payments"))) {
            iam.createRole(r -> r.roleName("PaymentsRestoreRole").assumeRolePolicyDocument(DemoPolicies.BACKUP_TRUST));
            iam.attachRolePolicy(r -> r.roleName("PaymentsRestoreRole")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"));
            iam.createUser(r -> r.userName("payments-admin"));
            iam.attachUserPolicy(r -> r.userName("payments-admin")
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            var key = iam.createAccessKey(r -> r.userName("payments-admin")).accessKey();
            extraProfiles.put("payments-admin", AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        }
    }

    /** The Audit Manager framework and the org-wide daily reports, delivered into the audit account's bucket. */
    private void audit() {
        String bucket = "audit-backup-reports-" + accounts.get(DemoEstate.AUDIT_ACCOUNT);
        AwsCredentials audit = roots.get(DemoEstate.AUDIT_ACCOUNT);
        try (var s3 = clients.client(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true), audit);
             BackupClient backup = clients.client(BackupClient.builder(), audit)) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c
                    .locationConstraint(DemoPolicies.REGION)));
            String framework = backup.createFramework(r -> r.frameworkName("seed_backup_controls")
                    .frameworkDescription("The seed's auditor controls").frameworkControls(
                            control("BACKUP_RECOVERY_POINT_ENCRYPTED", Map.of()),
                            control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
                                    Map.of("requiredRetentionDays", "35")),
                            control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", Map.of()),
                            control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", Map.of()),
                            control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", Map.of())))
                    .frameworkArn();
            backup.createReportPlan(r -> r.reportPlanName("org_backup_jobs").reportSetting(s -> s
                            .reportTemplate("BACKUP_JOB_REPORT").accounts("ROOT").regions("*"))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket).s3KeyPrefix("jobs")));
            backup.createReportPlan(r -> r.reportPlanName("seed_compliance").reportSetting(s -> s
                            .reportTemplate("RESOURCE_COMPLIANCE_REPORT").frameworkArns(framework))
                    .reportDeliveryChannel(d -> d.s3BucketName(bucket).s3KeyPrefix("compliance")));
            // As AWS's console asks once the plans exist: let the plans' service-linked role put the reports.
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(DemoPolicies.reportBucket(
                    accounts.get(DemoEstate.AUDIT_ACCOUNT), bucket)));
        }
    }

    private static FrameworkControl control(String name, Map<String, String> parameters) {
        return FrameworkControl.builder().controlName(name).controlInputParameters(parameters.entrySet().stream()
                .map(e -> ControlInputParameter.builder().parameterName(e.getKey()).parameterValue(e.getValue())
                        .build()).toList()).build();
    }

    /** The backup policy on Production, then the corrected protect-backups SCP at the root. */
    private void policies(String backupAccount) {
        try (OrganizationsClient org = clients.client(OrganizationsClient.builder(), management)) {
            String backupPolicy = org.createPolicy(r -> r.name("org-backup-policy").type(PolicyType.BACKUP_POLICY)
                    .description("daily-prod and monthly-prod, copied to the central vault")
                    .content(DemoPolicies.backupPolicy(backupAccount))).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(backupPolicy).targetId(ous.get(DemoEstate.PRODUCTION)));
            String productionPath = organizationId + "/" + rootId + "/" + ous.get(DemoEstate.PRODUCTION) + "/";
            String scp = org.createPolicy(r -> r.name("protect-backups").type(PolicyType.SERVICE_CONTROL_POLICY)
                    .description("No backup deletion except BackupAdminRole; production resources need a Backup tag")
                    .content(DemoPolicies.protectBackups(productionPath))).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(scp).targetId(rootId));
        }
    }
}
