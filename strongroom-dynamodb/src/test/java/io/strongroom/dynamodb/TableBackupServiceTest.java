package io.strongroom.dynamodb;

import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListBackups' filters and pages, that it leaves out AWS Backup's backups, and which table a backup describes (D112). */
class TableBackupServiceTest {
    @TempDir
    Path dir;
    Store store;

    /** The service over AWS Backup's {@code backups}, with an empty store for DynamoDB's own. */
    TableBackupService service(BackupTableBackups backups) {
        if (store == null) {
            store = StoreFactory.open(dir.resolve("store.db").toString());
        }
        return new TableBackupService(null, backups, Clock.fixed(T0, ZoneOffset.UTC), tx -> "0000abcd");
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
    }
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:222222222222:table/";
    static final Instant T0 = Instant.parse("2027-02-01T02:00:00Z");

    static TableBackup backup(String table, int hours) {
        Instant created = T0.plusSeconds(3600L * hours);
        String id = String.format("%014d-%08x", created.toEpochMilli(), hours);
        return new TableBackup(TABLE + table + "/backup/" + id, "AwsBackup-" + id, table, TABLE + table, created,
                null, TableBackup.AVAILABLE, TableBackup.AWS_BACKUP, 10);
    }

    /** A backup DynamoDB made itself, as CreateBackup makes them (D117). */
    static TableBackup user(String table, int hours) {
        TableBackup b = backup(table, hours);
        return new TableBackup(b.arn(), "nightly", table, b.tableArn(), b.created(), null, TableBackup.AVAILABLE,
                "USER", 10);
    }

    static final List<TableBackup> ALL = List.of(backup("orders", 24), backup("customers", 0), backup("orders", 0),
            backup("orders", 48));

    static Inputs.ListBackups query(String table, Integer limit, Instant lower, Instant upper, String start,
                                    String type) {
        return new Inputs.ListBackups(table, limit, lower, upper, start, type);
    }

    static List<String> arns(TableBackupService.BackupPage page) {
        return page.backups().stream().map(TableBackup::arn).toList();
    }

    @Test
    void theDefaultTypeIsUserSoAwsBackupsBackupsNeedTheirTypeOrAll() {
        assertThat(TableBackupService.page(ALL, query(null, null, null, null, null, null)).backups()).isEmpty();
        assertThat(TableBackupService.page(ALL, query(null, null, null, null, null, "USER")).backups()).isEmpty();
        assertThat(TableBackupService.page(ALL, query(null, null, null, null, null, "SYSTEM")).backups()).isEmpty();
        assertThat(TableBackupService.page(ALL, query(null, null, null, null, null, "AWS_BACKUP")).backups())
                .hasSize(4);
        assertThat(TableBackupService.page(ALL, query(null, null, null, null, null, "ALL")).backups()).hasSize(4);
    }

    @Test
    void theTypeFilterKeepsTheTypeAskedAndAllKeepsEvery() {
        List<TableBackup> mixed = List.of(backup("orders", 0), user("orders", 24));
        assertThat(arns(TableBackupService.page(mixed, query(null, null, null, null, null, null))))
                .containsExactly(user("orders", 24).arn());
        assertThat(arns(TableBackupService.page(mixed, query(null, null, null, null, null, "AWS_BACKUP"))))
                .containsExactly(backup("orders", 0).arn());
        assertThat(arns(TableBackupService.page(mixed, query(null, null, null, null, null, "ALL"))))
                .containsExactly(backup("orders", 0).arn(), user("orders", 24).arn());
    }

    @Test
    void listBackupsLeavesOutAwsBackupsBackupsWhateverTheType() {
        TableBackupService service = service((tx, account, region) -> ALL);
        for (String type : new String[] {null, "USER", "SYSTEM", "AWS_BACKUP", "ALL"}) {
            String t = type;
            assertThat(store.<TableBackupService.BackupPage>read(tx -> service.listBackups(tx, "222222222222", "eu-west-1", query(null, null, null,
                    null, null, t)))).as(String.valueOf(type)).isEqualTo(new TableBackupService.BackupPage(List.of(), null));
            assertThat(store.read(tx -> service.listBackups(tx, "222222222222", "eu-west-1", query("orders", 1, T0,
                    null, null, t))).backups()).as(type + " of a table").isEmpty();
        }
        TableBackupService withOwn = service((tx, account, region) -> List.of(
                backup("orders", 0), user("orders", 24), backup("orders", 48)));
        assertThat(arns(store.read(tx -> withOwn.listBackups(tx, "222222222222", "eu-west-1", query(null, null,
                null, null, null, "ALL"))))).as("DynamoDB's own backups are listed").containsExactly(user("orders", 24).arn());
    }

    @Test
    void backupsComeInArnOrderByTableNameOrArnAndCreationTime() {
        TableBackupService.BackupPage orders = TableBackupService.page(ALL,
                query("orders", null, null, null, null, "ALL"));
        assertThat(arns(orders)).containsExactly(backup("orders", 0).arn(), backup("orders", 24).arn(),
                backup("orders", 48).arn());
        assertThat(orders.lastEvaluatedBackupArn()).isNull();
        assertThat(arns(TableBackupService.page(ALL, query(TABLE + "customers", null, null, null, null, "ALL"))))
                .containsExactly(backup("customers", 0).arn());
        assertThat(TableBackupService.page(ALL, query(TABLE + "order", null, null, null, null, "ALL")).backups())
                .isEmpty();
    }

    @Test
    void theLowerBoundIsInclusiveAndTheUpperBoundExclusive() {
        Instant day = T0.plusSeconds(24 * 3600);
        assertThat(arns(TableBackupService.page(ALL, query("orders", null, day, null, null, "ALL"))))
                .containsExactly(backup("orders", 24).arn(), backup("orders", 48).arn());
        assertThat(arns(TableBackupService.page(ALL, query("orders", null, null, day, null, "ALL"))))
                .containsExactly(backup("orders", 0).arn());
        assertThat(arns(TableBackupService.page(ALL, query(null, null, T0, day, null, "AWS_BACKUP"))))
                .containsExactly(backup("customers", 0).arn(), backup("orders", 0).arn());
    }

    @Test
    void pagesContinueAfterTheLastEvaluatedArnUntilNoneFollow() {
        TableBackupService.BackupPage first = TableBackupService.page(ALL, query(null, 3, null, null, null, "ALL"));
        assertThat(arns(first)).containsExactly(backup("customers", 0).arn(), backup("orders", 0).arn(),
                backup("orders", 24).arn());
        assertThat(first.lastEvaluatedBackupArn()).isEqualTo(backup("orders", 24).arn());
        TableBackupService.BackupPage second = TableBackupService.page(ALL, query(null, 3, null, null,
                first.lastEvaluatedBackupArn(), "ALL"));
        assertThat(arns(second)).containsExactly(backup("orders", 48).arn());
        assertThat(second.lastEvaluatedBackupArn()).isNull();
        assertThat(TableBackupService.page(ALL, query(null, 4, null, null, null, "ALL")).lastEvaluatedBackupArn())
                .as("a full last page says nothing follows").isNull();
        TableBackupService.BackupPage last = TableBackupService.page(ALL, query("orders", 1, null, null,
                backup("orders", 24).arn(), "AWS_BACKUP"));
        assertThat(arns(last)).containsExactly(backup("orders", 48).arn());
        assertThat(last.lastEvaluatedBackupArn()).isNull();
        assertThat(arns(TableBackupService.page(ALL, query(null, null, null, null,
                TABLE + "orders/backup/00000000000000-00000000", "ALL"))))
                .as("an ARN that names no backup still places the start")
                .containsExactly(backup("orders", 0).arn(), backup("orders", 24).arn(), backup("orders", 48).arn());
    }

    @Test
    void requestsOutsideTheModelsConstraintsAreValidationErrors() {
        TableBackupService service = service((tx, account, region) -> ALL);
        assertThatThrownBy(() -> service.listBackups(null, "222222222222", "eu-west-1",
                query(null, 0, null, null, null, null))).isInstanceOf(ServiceException.class)
                .hasMessage("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
                        + "must have value greater than or equal to 1");
        assertThatThrownBy(() -> service.listBackups(null, "222222222222", "eu-west-1",
                query(null, 101, null, null, null, null))).hasMessageEndingWith("less than or equal to 100");
        assertThatThrownBy(() -> service.listBackups(null, "222222222222", "eu-west-1",
                query(null, null, null, null, null, "DAILY"))).hasMessage("1 validation error detected: Value "
                + "'DAILY' at 'backupType' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[USER, SYSTEM, AWS_BACKUP, ALL]");
        assertThatThrownBy(() -> service.listBackups(null, "222222222222", "eu-west-1",
                query(null, null, null, null, "arn:aws:dynamodb:short", null)))
                .hasMessageContaining("'exclusiveStartBackupArn'").hasMessageEndingWith("greater than or equal to 37");
    }

    @Test
    void anArnNamingNoBackupIsBackupNotFound() {
        TableBackupService service = service((tx, account, region) -> ALL);
        String missing = TABLE + "orders/backup/01801234567890-0000abcd";
        assertThatThrownBy(() -> store.read(tx -> service.describeBackup(tx, "222222222222", "eu-west-1",
                missing)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo("BackupNotFoundException"))
                .hasMessage("Backup not found: " + missing);
    }

    @Test
    void aTableMadeAfterTheBackupIsAnotherTable() {
        TableBackup b = backup("orders", 24);
        Table before = table(b.created().minusSeconds(1));
        Table after = table(b.created().plusSeconds(1));
        assertThat(TableBackupService.sameTable(Optional.of(before), b)).contains(before);
        assertThat(TableBackupService.sameTable(Optional.of(table(b.created())), b)).isPresent();
        assertThat(TableBackupService.sameTable(Optional.of(after), b)).isEmpty();
        assertThat(TableBackupService.sameTable(Optional.empty(), b)).isEmpty();
    }

    @Test
    void aTableUpdateTableChangedAfterTheBackupNoLongerShowsIt() {
        TableBackup b = backup("orders", 24);
        Table before = table(b.created().minusSeconds(60));
        Table changedBefore = withHistory(before, TableHistory.NONE.definitionChanged(b.created()));
        Table changedAfter = withHistory(before, TableHistory.NONE.definitionChanged(b.created().plusSeconds(1)));
        assertThat(TableBackupService.sameTable(Optional.of(changedBefore), b)).contains(changedBefore);
        assertThat(TableBackupService.sameTable(Optional.of(changedAfter), b)).isEmpty();
    }

    static Table withHistory(Table t, TableHistory history) {
        return new Table(t.accountId(), t.region(), t.name(), t.tableId(), t.hashKey(), t.rangeKey(),
                t.attributeDefinitions(), t.billingMode(), t.readCapacity(), t.writeCapacity(), t.deletionProtection(),
                t.created(), t.tags(), t.restored(), t.indexes(), t.tableClass(), history, t.pointInTimeRecovery());
    }

    static Table table(Instant created) {
        return new Table("222222222222", "eu-west-1", "orders", "00000000-0000-4000-8000-000000000001",
                new KeyAttribute("pk", "S"), null, Map.of("pk", "S"), "PAY_PER_REQUEST", 0, 0, false, created,
                Map.of(), List.of());
    }
}
