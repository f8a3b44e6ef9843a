package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.SeedOrganization;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.CopyJob;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's organisation at work (issue 8, "Must show"): the management account's daily-prod backup policy on the
 * Production OU, a locked central vault in the Shared backup account, tagged and untagged DynamoDB tables with data
 * in four production accounts and a Sandbox account. Forty simulated days later (admin API {@code clock/advance
 * P40D}) every tagged production table has exactly its last 35 daily points in its account's local vault and all 40
 * copies in the central vault; untagged tables and the Sandbox account have none. The Sandbox account, moved into
 * Production with the AWS CLI, is backed up from the next firing on, which the management account sees in its
 * organisation-wide job list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupOrganizationAtWorkIT {
    static final Instant START = ServerOptions.DEFAULT_START;
    static final int DAYS = 40;
    /** How far back ListBackupJobs reaches (D125). */
    static final int LISTED_DAYS = 30;
    static TestServer server;
    static SeedOrganization seed;
    /** Per production account: its tagged tables; and its untagged ones. */
    static final Map<String, List<String>> tagged = new LinkedHashMap<>();
    static final Map<String, List<String>> untagged = new LinkedHashMap<>();
    static List<String> sandboxTagged;
    static List<String> sandboxUntagged;
    /** Every job and recovery point of the organisation after the 40 days, as listed by the first run. */
    static List<String> firstRun;

    @BeforeAll
    static void organisationForFortyDays() {
        server = TestServer.start();
        seed = scenario(server);
        for (String account : seed.production) {
            tagged.put(account, List.of(table(account, "orders-0"), table(account, "orders-1")));
            untagged.put(account, List.of(table(account, "scratch-0")));
        }
        sandboxTagged = List.of(table(seed.sandbox, "experiment-0"));
        sandboxUntagged = List.of(table(seed.sandbox, "notes-0"));
        long t0 = System.nanoTime();
        server.endpoint().admin().advance(Duration.ofDays(DAYS));
        System.out.printf("BackupOrganizationAtWorkIT: clock advance P%dD took %.1f s%n", DAYS,
                (System.nanoTime() - t0) / 1e9);
        firstRun = history(server, seed);
    }

    /** The organisation and its tables (each with 3 items): tagged and untagged in every account. */
    static SeedOrganization scenario(TestServer on) {
        SeedOrganization org = SeedOrganization.build(on.endpoint(), 4);
        for (String account : org.production) {
            org.tables(account, "orders", 2, SeedOrganization.DAILY_PROD, 3);
            org.tables(account, "scratch", 1, null, 3);
        }
        org.tables(org.sandbox, "experiment", 1, SeedOrganization.DAILY_PROD, 3);
        org.tables(org.sandbox, "notes", 1, null, 3);
        return org;
    }

    static String table(String account, String name) {
        return "arn:aws:dynamodb:" + SeedOrganization.REGION + ":" + account + ":table/" + name;
    }

    /** Every backup job, copy job and recovery point of the organisation's accounts, in listing order. */
    static List<String> history(TestServer on, SeedOrganization org) {
        List<String> lines = new ArrayList<>();
        List<String> accounts = new ArrayList<>(org.members());
        accounts.add(org.central);
        for (String account : accounts) {
            try (BackupClient backup = on.endpoint().client(BackupClient.builder(), org.rootOf(account))) {
                backup.listBackupJobsPaginator(r -> { }).backupJobs().forEach(j -> lines.add(String.join(" ",
                        "job", j.backupJobId(), j.resourceArn(), j.stateAsString(), j.creationDate().toString(),
                        j.completionDate().toString(), j.recoveryPointArn())));
                backup.listCopyJobsPaginator(r -> { }).copyJobs().forEach(c -> lines.add(String.join(" ", "copy",
                        c.copyJobId(), c.sourceRecoveryPointArn(), c.destinationRecoveryPointArn(),
                        c.stateAsString(), c.creationDate().toString(), c.completionDate().toString())));
                String vault = account.equals(org.central) ? SeedOrganization.CENTRAL_VAULT
                        : SeedOrganization.LOCAL_VAULT;
                backup.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault)).recoveryPoints()
                        .forEach(p -> lines.add(String.join(" ", "point", p.recoveryPointArn(), p.statusAsString(),
                                p.creationDate().toString(), p.completionDate().toString(),
                                String.valueOf(p.backupSizeInBytes()))));
            }
        }
        return lines;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The 02:00 UTC firings of days {@code from}..{@code to} (0 = the server's start day). */
    static List<Instant> firings(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(d -> START.plus(Duration.ofDays(d))
                .plus(Duration.ofHours(SeedOrganization.FIRING_HOUR_UTC))).toList();
    }

    static List<RecoveryPointByBackupVault> points(String account, String vault, String resourceArn) {
        try (BackupClient backup = seed.backup(account)) {
            return backup.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault)
                    .byResourceArn(resourceArn)).recoveryPoints().stream().toList();
        }
    }

    static List<BackupJob> jobs(String account, String resourceArn) {
        try (BackupClient backup = seed.backup(account)) {
            return backup.listBackupJobsPaginator(r -> r.byResourceArn(resourceArn)).backupJobs().stream().toList();
        }
    }

    @Test
    @Order(1)
    void everyTaggedProductionTableHasItsLast35PointsLocallyAndAll40Centrally() {
        for (Map.Entry<String, List<String>> account : tagged.entrySet()) {
            for (String table : account.getValue()) {
                assertThat(points(account.getKey(), SeedOrganization.LOCAL_VAULT, table))
                        .as("local vault of %s, %s", account.getKey(), table)
                        .allSatisfy(p -> assertThat(p.lifecycle().deleteAfterDays()).isEqualTo(35L))
                        .extracting(RecoveryPointByBackupVault::creationDate)
                        .containsExactlyInAnyOrderElementsOf(firings(DAYS - 35, DAYS - 1));
                List<RecoveryPointByBackupVault> central = points(seed.central, SeedOrganization.CENTRAL_VAULT,
                        table);
                assertThat(central).as("central vault, %s", table).allSatisfy(p -> {
                    assertThat(p.lifecycle().deleteAfterDays()).isEqualTo(2555L);
                    assertThat(p.isEncrypted()).isTrue();
                    assertThat(p.sourceBackupVaultArn()).isEqualTo("arn:aws:backup:" + SeedOrganization.REGION + ":"
                            + account.getKey() + ":backup-vault:" + SeedOrganization.LOCAL_VAULT);
                }).extracting(RecoveryPointByBackupVault::creationDate)
                        .containsExactlyInAnyOrderElementsOf(firings(0, DAYS - 1));
                // ListBackupJobs reaches back 30 days, as on AWS (D125): the jobs of the last 30 firings.
                assertThat(jobs(account.getKey(), table))
                        .allSatisfy(j -> assertThat(j.stateAsString()).isEqualTo("COMPLETED"))
                        .extracting(BackupJob::creationDate)
                        .containsExactlyInAnyOrderElementsOf(firings(DAYS - LISTED_DAYS, DAYS - 1));
            }
        }
    }

    @Test
    @Order(2)
    void untaggedTablesAndTheSandboxAccountHaveNothing() {
        List<String[]> nothing = new ArrayList<>();
        untagged.forEach((account, tables) -> tables.forEach(t -> nothing.add(new String[] {account, t})));
        sandboxTagged.forEach(t -> nothing.add(new String[] {seed.sandbox, t}));
        sandboxUntagged.forEach(t -> nothing.add(new String[] {seed.sandbox, t}));
        for (String[] resource : nothing) {
            assertThat(points(resource[0], SeedOrganization.LOCAL_VAULT, resource[1])).as(resource[1]).isEmpty();
            assertThat(points(seed.central, SeedOrganization.CENTRAL_VAULT, resource[1])).as(resource[1]).isEmpty();
            assertThat(jobs(resource[0], resource[1])).as(resource[1]).isEmpty();
        }
        try (BackupClient sandbox = seed.backup(seed.sandbox)) {
            assertThat(sandbox.listBackupPlans(r -> { }).backupPlansList()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void theManagementAccountSeesEveryProductionAccountsJobsAndCopies() {
        try (BackupClient management = server.endpoint().client(BackupClient.builder())) {
            for (String account : seed.production) {
                List<BackupJob> jobs = management.listBackupJobsPaginator(r -> r.byAccountId(account)).backupJobs()
                        .stream().toList();
                assertThat(jobs).hasSize(2 * LISTED_DAYS).allSatisfy(j -> {
                    assertThat(j.stateAsString()).as(j.statusMessage()).isEqualTo("COMPLETED");
                    assertThat(j.accountId()).isEqualTo(account);
                    assertThat(j.createdBy().backupPlanId()).startsWith("orgs/");
                });
                List<CopyJob> copies = management.listCopyJobsPaginator(r -> r.byAccountId(account)).copyJobs()
                        .stream().toList();
                assertThat(copies).hasSize(2 * DAYS).allSatisfy(c -> {
                    assertThat(c.stateAsString()).isEqualTo("COMPLETED");
                    assertThat(c.destinationBackupVaultArn()).isEqualTo(seed.centralVaultArn);
                });
            }
        }
    }

    @Test
    @Order(4)
    void aSecondServerRunningTheSameScenarioListsTheSameJobsAndRecoveryPoints() {
        try (TestServer second = TestServer.start()) {
            SeedOrganization again = scenario(second);
            second.endpoint().admin().advance(Duration.ofDays(DAYS));

            assertThat(again.production).isEqualTo(seed.production);
            List<String> secondRun = history(second, again);
            assertThat(secondRun.stream().filter(l -> l.startsWith("job ")).count()).isEqualTo(4 * 2 * LISTED_DAYS);
            assertThat(secondRun.stream().filter(l -> l.startsWith("copy ")).count()).isEqualTo(4 * 2 * DAYS);
            assertThat(secondRun.stream().filter(l -> l.startsWith("point ")).count())
                    .as("35 local and 40 central points per tagged production table").isEqualTo(4 * 2 * (35 + DAYS));
            assertThat(secondRun).isEqualTo(firstRun);
        }
    }

    @Test
    @Order(5)
    void theSandboxAccountMovedIntoProductionIsBackedUpFromTheNextFiringOn() {
        AwsCli cli = new AwsCli(server.endpoint());
        cli.json("organizations", "move-account", "--account-id", seed.sandbox,
                "--source-parent-id", seed.sandboxOu, "--destination-parent-id", seed.productionOu);
        try (BackupClient sandbox = seed.backup(seed.sandbox)) {
            assertThat(sandbox.listBackupPlans(r -> { }).backupPlansList()).singleElement()
                    .satisfies(p -> assertThat(p.backupPlanId()).startsWith("orgs/"));
        }
        assertThat(jobs(seed.sandbox, sandboxTagged.get(0))).as("nothing before the next firing").isEmpty();

        server.endpoint().admin().advance(Duration.ofDays(1));

        Instant next = firings(DAYS, DAYS).get(0);
        String table = sandboxTagged.get(0);
        assertThat(points(seed.sandbox, SeedOrganization.LOCAL_VAULT, table))
                .extracting(RecoveryPointByBackupVault::creationDate).containsExactly(next);
        assertThat(points(seed.central, SeedOrganization.CENTRAL_VAULT, table))
                .extracting(RecoveryPointByBackupVault::creationDate).containsExactly(next);
        assertThat(points(seed.sandbox, SeedOrganization.LOCAL_VAULT, sandboxUntagged.get(0))).isEmpty();
        JsonNode listed = cli.json("backup", "list-backup-jobs", "--by-account-id", seed.sandbox,
                "--region", SeedOrganization.REGION);
        assertThat(listed.get("BackupJobs")).hasSize(1);
        assertThat(listed.get("BackupJobs").get(0).get("ResourceArn").asText()).isEqualTo(table);
        assertThat(listed.get("BackupJobs").get(0).get("State").asText()).isEqualTo("COMPLETED");
    }
}
