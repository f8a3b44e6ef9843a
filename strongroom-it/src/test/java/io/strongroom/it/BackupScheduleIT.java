package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.BackupJobState;
import software.amazon.awssdk.services.backup.model.BackupRuleInput;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.backup.model.CopyJob;
import software.amazon.awssdk.services.backup.model.CopyJobState;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup plans on Strongroom's clock through the SDK v2: a daily rule over a tag selection of DynamoDB tables backs
 * each tagged table up at every firing while `advance` moves the clock, keeps the last 35 points (older ones expire
 * with BackupDeleted events), copies every point into a second vault under the copy action's lifecycle, follows plan
 * updates, deletions and tags put later, and gives the same ids on two servers running the same scenario.
 */
class BackupScheduleIT {
    static final Instant START = ServerOptions.DEFAULT_START; // 2027-02-01T00:00Z
    static final String DAILY = "cron(0 5 ? * * *)";
    final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    /** A server of its own (each test moves the clock), with one account ready to back up. */
    Account account() {
        try {
            TestServer server = TestServer.start(ServerOptions.defaults(Files.createTempDirectory("schedule-it"))
                    .withPort(0));
            servers.add(server);
            return new Account(server.endpoint());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An account (on any server: in-process or a process) with AWS Backup's service role and a vault "local-vault". */
    static final class Account {
        final Endpoint endpoint;
        final String id;
        final AwsBasicCredentials credentials;
        final String role;

        private Account(Endpoint endpoint, String id, AwsBasicCredentials credentials, String role) {
            this.endpoint = endpoint;
            this.id = id;
            this.credentials = credentials;
            this.role = role;
        }

        /** The same account reached through another server sharing the store. */
        Account on(Endpoint other) {
            return new Account(other, id, credentials, role);
        }

        Account(Endpoint endpoint) {
            this.endpoint = endpoint;
            String[] acct = endpoint.admin().createAccount("scheduled");
            this.id = acct[0];
            this.credentials = AwsBasicCredentials.create(acct[1], acct[2]);
            try (IamClient iam = endpoint.client(IamClient.builder(), credentials)) {
                this.role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                        .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"));
            }
            backup(b -> b.createBackupVault(r -> r.backupVaultName("local-vault")));
        }

        void backup(Consumer<BackupClient> work) {
            try (BackupClient client = endpoint.client(BackupClient.builder(), credentials)) {
                work.accept(client);
            }
        }

        <T> T backupAnswer(java.util.function.Function<BackupClient, T> work) {
            try (BackupClient client = endpoint.client(BackupClient.builder(), credentials)) {
                return work.apply(client);
            }
        }

        /** A table with one item, tagged {@code Backup=<tag>} unless tag is null. */
        String table(String name, String tag) {
            try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), credentials)) {
                String arn = BackupJobsIT.createTable(ddb, name);
                if (tag != null) {
                    ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("Backup").value(tag).build()));
                }
                return arn;
            }
        }

        void tag(String arn, String value) {
            try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder(), credentials)) {
                ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("Backup").value(value).build()));
            }
        }

        /** A plan with the given rules and a selection of the tables tagged Backup=daily-prod; its id. */
        String plan(String name, BackupRuleInput... rules) {
            return backupAnswer(b -> {
                String planId = b.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName(name).rules(rules)))
                        .backupPlanId();
                b.createBackupSelection(r -> r.backupPlanId(planId).backupSelection(s -> s.selectionName("prod")
                        .iamRoleArn(role).listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS)
                                .conditionKey("Backup").conditionValue("daily-prod"))));
                return planId;
            });
        }

        void advance(Duration d) {
            endpoint.admin().advance(d);
        }

        List<BackupJob> jobs(String resourceArn) {
            return backupAnswer(b -> b.listBackupJobsPaginator(r -> r.byResourceArn(resourceArn)).backupJobs()
                    .stream().toList());
        }

        List<RecoveryPointByBackupVault> points(String vault, String resourceArn) {
            return backupAnswer(b -> b.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault)
                    .byResourceArn(resourceArn)).recoveryPoints().stream().toList());
        }
    }

    static BackupRuleInput daily(String name, long deleteAfterDays) {
        return BackupRuleInput.builder().ruleName(name).targetBackupVaultName("local-vault")
                .scheduleExpression(DAILY).lifecycle(l -> l.deleteAfterDays(deleteAfterDays)).build();
    }

    /** The 05:00 UTC firings of days {@code from}..{@code to} (0 = the start day). */
    static List<Instant> firings(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(d -> START.plus(Duration.ofDays(d)).plus(Duration.ofHours(5)))
                .toList();
    }

    @Test
    void dailyPlanKeepsTheLast35PointsOfEachTaggedTableAndCopiesEveryPoint() {
        Account a = account();
        String copyVault = a.backupAnswer(b -> b.createBackupVault(r -> r.backupVaultName("copy-vault"))
                .backupVaultArn());
        String orders = a.table("orders", "daily-prod");
        String payments = a.table("payments", "daily-prod");
        String scratch = a.table("scratch", null);
        String weekly = a.table("reports", "weekly");
        BackupRuleInput rule = daily("daily", 35).toBuilder().copyActions(c -> c.destinationBackupVaultArn(copyVault)
                .lifecycle(l -> l.deleteAfterDays(100L))).build();
        String planId = a.plan("daily-prod", rule);

        a.advance(Duration.ofDays(40));

        for (String table : List.of(orders, payments)) {
            assertThat(a.points("local-vault", table)).extracting(RecoveryPointByBackupVault::creationDate)
                    .containsExactlyInAnyOrderElementsOf(firings(5, 39));
            // ListBackupJobs reaches back 30 days (D125): the jobs of the last 30 firings.
            List<BackupJob> jobs = a.jobs(table);
            assertThat(jobs).extracting(BackupJob::creationDate)
                    .containsExactlyInAnyOrderElementsOf(firings(10, 39));
            assertThat(jobs).allSatisfy(j -> {
                assertThat(j.state()).isEqualTo(BackupJobState.COMPLETED);
                assertThat(j.createdBy().backupPlanId()).isEqualTo(planId);
                assertThat(j.createdBy().backupPlanArn()).endsWith(":backup-plan:" + planId);
                assertThat(j.createdBy().backupPlanName()).isEqualTo("daily-prod");
                assertThat(j.createdBy().backupPlanVersion()).isNotEmpty();
                assertThat(j.createdBy().backupRuleName()).isEqualTo("daily");
                assertThat(j.createdBy().backupRuleId()).isNotEmpty();
                assertThat(j.createdBy().backupRuleCron()).isEqualTo(DAILY);
                assertThat(j.createdBy().backupRuleTimezone()).isEqualTo("Etc/UTC");
            });
            List<CopyJob> copies = a.backupAnswer(b -> b.listCopyJobsPaginator(r -> r.byResourceArn(table))
                    .copyJobs().stream().toList());
            assertThat(copies).hasSize(40).allSatisfy(c -> {
                assertThat(c.state()).isEqualTo(CopyJobState.COMPLETED);
                assertThat(c.destinationBackupVaultArn()).isEqualTo(copyVault);
                assertThat(c.createdBy().backupPlanId()).isEqualTo(planId);
            });
            // One copy per backup job of the 40 days: the 30 still listed and 10 older ones, still described.
            assertThat(copies).extracting(CopyJob::createdByBackupJobId).doesNotHaveDuplicates()
                    .containsAll(jobs.stream().map(BackupJob::backupJobId).toList());
            for (CopyJob c : copies) {
                BackupJobState state = a.backupAnswer(b -> b.describeBackupJob(r -> r
                        .backupJobId(c.createdByBackupJobId())).state());
                assertThat(state).isEqualTo(BackupJobState.COMPLETED);
            }
            List<RecoveryPointByBackupVault> copied = a.points("copy-vault", table);
            assertThat(copied).hasSize(40).allSatisfy(p -> {
                assertThat(p.lifecycle().deleteAfterDays()).isEqualTo(100L);
                assertThat(p.sourceBackupVaultArn()).endsWith(":backup-vault:local-vault");
            });
        }
        for (String untouched : List.of(scratch, weekly)) {
            assertThat(a.points("local-vault", untouched)).isEmpty();
            assertThat(a.jobs(untouched)).isEmpty();
        }
        a.backup(b -> {
            // counts and listings read indexes kept through 40 days of inserts and 10 days of expiries (D61)
            assertThat(b.describeBackupVault(r -> r.backupVaultName("local-vault")).numberOfRecoveryPoints())
                    .isEqualTo(2 * 35L);
            assertThat(b.describeBackupVault(r -> r.backupVaultName("copy-vault")).numberOfRecoveryPoints())
                    .isEqualTo(2 * 40L);
            assertThat(b.listRecoveryPointsByResourcePaginator(r -> r.resourceArn(orders).maxResults(30))
                    .recoveryPoints().stream().map(p -> p.backupVaultName()).toList())
                    .as("35 local points and 40 copies, in pages of 30").hasSize(75).containsOnly("local-vault",
                            "copy-vault");
            assertThat(b.listProtectedResources(r -> r.maxResults(1)).results())
                    .extracting(p -> p.resourceArn()).containsExactly(orders);
            Instant last = firings(39, 39).get(0);
            assertThat(b.listProtectedResourcesPaginator(r -> r.maxResults(1)).results().stream()
                    .map(p -> p.resourceArn() + " " + p.lastBackupTime()).toList())
                    .containsExactly(orders + " " + last, payments + " " + last);
        });
        try (CloudTrailClient trail = a.endpoint.client(CloudTrailClient.builder(), a.credentials)) {
            assertThat(trail.lookupEventsPaginator(r -> r.lookupAttributes(k -> k
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("BackupDeleted"))).events())
                    .hasSize(10);
        }
        a.backup(b -> assertThat(b.getBackupPlan(r -> r.backupPlanId(planId)).lastExecutionDate())
                .isEqualTo(firings(39, 39).get(0)));
    }

    @Test
    void anUpdatedCronMovesTheNextFiringAndADeletedPlanStopsFiring() {
        Account a = account();
        String orders = a.table("orders", "daily-prod");
        String planId = a.plan("moving", daily("daily", 7));
        a.advance(Duration.ofDays(1));
        assertThat(a.jobs(orders)).extracting(BackupJob::creationDate).containsExactly(firings(0, 0).get(0));

        a.backup(b -> b.updateBackupPlan(r -> r.backupPlanId(planId).backupPlan(p -> p.backupPlanName("moving")
                .rules(daily("daily", 7).toBuilder().scheduleExpression("cron(30 17 ? * * *)").build()))));
        Instant evening = START.plus(Duration.ofDays(1)).plus(Duration.ofHours(17)).plus(Duration.ofMinutes(30));
        a.backup(b -> assertThat(b.getBackupPlan(r -> r.backupPlanId(planId).maxScheduledRunsPreview(1))
                .scheduledRunsPreview()).singleElement().satisfies(run -> assertThat(run.executionTime())
                .isEqualTo(evening)));
        a.advance(Duration.ofDays(1));
        assertThat(a.jobs(orders)).extracting(BackupJob::creationDate)
                .containsExactlyInAnyOrder(firings(0, 0).get(0), evening);

        a.backup(b -> {
            String selection = b.listBackupSelections(r -> r.backupPlanId(planId)).backupSelectionsList().get(0)
                    .selectionId();
            b.deleteBackupSelection(r -> r.backupPlanId(planId).selectionId(selection));
            b.deleteBackupPlan(r -> r.backupPlanId(planId));
        });
        a.advance(Duration.ofDays(5));
        assertThat(a.jobs(orders)).hasSize(2);
    }

    @Test
    void aResourceTaggedLaterIsBackedUpFromTheNextFiringOn() {
        Account a = account();
        String later = a.table("later", null);
        a.plan("late-tags", daily("daily", 7));
        a.advance(Duration.ofDays(2));
        assertThat(a.jobs(later)).isEmpty();

        a.tag(later, "daily-prod");
        a.advance(Duration.ofDays(2));
        assertThat(a.points("local-vault", later)).extracting(RecoveryPointByBackupVault::creationDate)
                .containsExactlyInAnyOrderElementsOf(firings(2, 3));
    }

    @Test
    void aJobWhoseResourceIsBusyWaitsTenMinutesForTheRunningOne() {
        Account a = account();
        String orders = a.table("orders", "daily-prod");
        a.plan("two-rules", daily("first", 7), daily("second", 14));
        a.advance(Duration.ofDays(1));

        List<BackupJob> jobs = a.jobs(orders);
        assertThat(jobs).hasSize(2).allSatisfy(j -> {
            assertThat(j.state()).isEqualTo(BackupJobState.COMPLETED);
            assertThat(j.creationDate()).isEqualTo(firings(0, 0).get(0));
        });
        // The second job of the firing found the first RUNNING and started on its first retry, 10 minutes on.
        List<BackupRecovery> points = a.points("local-vault", orders).stream()
                .map(p -> new BackupRecovery(p.creationDate(), p.lifecycle().deleteAfterDays())).toList();
        assertThat(points).containsExactlyInAnyOrder(new BackupRecovery(firings(0, 0).get(0), 7L),
                new BackupRecovery(firings(0, 0).get(0).plus(Duration.ofMinutes(10)), 14L));
    }

    record BackupRecovery(Instant created, Long deleteAfterDays) {
    }

    @Test
    void twoServersRunningTheSameScenarioListTheSameJobsAndRecoveryPoints() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Account a = account();
            String orders = a.table("orders", "daily-prod");
            a.table("payments", "daily-prod");
            a.plan("same", daily("daily", 5));
            a.advance(Duration.ofDays(10));
            List<String> ids = new ArrayList<>();
            a.backup(b -> {
                b.listBackupJobsPaginator(r -> r.byBackupVaultName("local-vault")).backupJobs()
                        .forEach(j -> ids.add(j.backupJobId() + " " + j.resourceArn() + " " + j.creationDate()
                                + " " + j.recoveryPointArn()));
                b.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName("local-vault")).recoveryPoints()
                        .forEach(p -> ids.add(p.recoveryPointArn() + " " + p.creationDate()));
            });
            assertThat(a.jobs(orders)).hasSize(10);
            runs.add(ids);
        }
        assertThat(runs.get(0)).hasSize(20 + 10).isEqualTo(runs.get(1));
    }
}
