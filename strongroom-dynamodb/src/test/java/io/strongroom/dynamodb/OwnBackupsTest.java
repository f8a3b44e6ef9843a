package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.ExpressionAttributes;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DynamoDB's own backups (D117): CreateBackup's copy, DeleteBackup, RestoreTableFromBackup and its overrides. */
class OwnBackupsTest {
    static final String ACCOUNT = "222222222222";
    static final String REGION = "eu-west-1";
    static final Instant T0 = Instant.parse("2027-02-01T02:00:00Z");

    @TempDir
    Path dir;
    Store store;
    MovableClock clock = new MovableClock(T0);
    DynamoDbService db;
    TableBackupService backups;
    /** AWS Backup's backups, as its port would give them. */
    List<TableBackup> awsBackups = List.of();

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        AtomicInteger ids = new AtomicInteger();
        db = new DynamoDbService(clock, tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        AtomicInteger backupIds = new AtomicInteger(0xabc0);
        backups = new TableBackupService(db, (tx, a, r) -> awsBackups, clock,
                tx -> String.format("%08X", backupIds.incrementAndGet()));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    void createOrders() {
        store.write(tx -> db.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("orders",
                List.of(new Inputs.KeySchemaElement("pk", "HASH")),
                List.of(new Inputs.AttributeDefinition("pk", "S"), new Inputs.AttributeDefinition("g", "S")),
                "PAY_PER_REQUEST", null, null, false, Map.of("team", "a"),
                List.of(new Inputs.IndexDefinition("byG", List.of(new Inputs.KeySchemaElement("g", "HASH")), true,
                        "ALL", null, false, null, null)), null, null)));
    }

    void put(String table, String pk, String g) {
        store.write(tx -> db.putItem(tx, ACCOUNT, REGION, table, Map.of("pk", AttributeValue.s(pk),
                "g", AttributeValue.s(g)), Inputs.Conditional.none()));
    }

    List<Map<String, AttributeValue>> scan(String table) {
        return store.read(tx -> db.scan(tx, ACCOUNT, REGION, new Inputs.Read(table, null, null, null,
                ExpressionAttributes.none(), true, null, null, null)).items());
    }

    static Inputs.RestoreFromBackup restore(String target, String arn) {
        return new Inputs.RestoreFromBackup(target, arn, null, null, null, null, null, null, null, List.of());
    }

    @Test
    void aBackupHoldsTheItemsOfItsMomentAndARestoreGivesThemBack() {
        createOrders();
        put("orders", "a", "x");
        put("orders", "b", "y");
        List<Map<String, AttributeValue>> backedUp = scan("orders");
        TableBackupService.Described made = store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "orders",
                "nightly.1"));
        TableBackup b = made.backup();
        assertThat(b.arn()).isEqualTo("arn:aws:dynamodb:eu-west-1:222222222222:table/orders/backup/"
                + String.format("%014d", T0.toEpochMilli()) + "-0000abc1");
        assertThat(b).extracting(TableBackup::name, TableBackup::type, TableBackup::status, TableBackup::created)
                .containsExactly("nightly.1", "USER", "AVAILABLE", T0);
        assertThat(b.sizeBytes()).isEqualTo(backedUp.stream().mapToLong(ItemSize::of).sum()).isPositive();
        assertThat(made.itemCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        put("orders", "c", "z");
        store.write(tx -> db.deleteItem(tx, ACCOUNT, REGION, "orders", Map.of("pk", AttributeValue.s("a")),
                Inputs.Conditional.none()));
        TableDescription restored = store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                restore("orders-restored", b.arn())));
        assertThat(restored.table().name()).isEqualTo("orders-restored");
        assertThat(restored.table().restoredFrom()).isEqualTo(Table.arn(REGION, ACCOUNT, "orders"));
        assertThat(restored.table().tags()).isEmpty();
        assertThat(restored.table().indexes()).extracting(SecondaryIndex::name).containsExactly("byG");
        assertThat(scan("orders-restored")).isEqualTo(backedUp);
        assertThat(scan("orders")).hasSize(2).isNotEqualTo(backedUp);

        assertThat(store.read(tx -> backups.listBackups(tx, ACCOUNT, REGION, new Inputs.ListBackups(null, null,
                null, null, null, null))).backups()).containsExactly(b);
        assertThat(store.read(tx -> backups.describeBackup(tx, ACCOUNT, REGION, b.arn())).sourceTable())
                .hasValueSatisfying(t -> assertThat(t.tags()).containsEntry("team", "a"));
    }

    @Test
    void aDeletedTablesBackupStillRestoresAndADeletedBackupIsGone() {
        createOrders();
        put("orders", "a", "x");
        String arn = store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, Table.arn(REGION, ACCOUNT,
                "orders"), "by-arn")).backup().arn();
        store.write(tx -> db.deleteTable(tx, ACCOUNT, REGION, "orders"));
        store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION, restore("orders", arn)));
        assertThat(scan("orders")).extracting(i -> i.get("pk")).containsExactly(AttributeValue.s("a"));

        TableBackupService.Described deleted = store.write(tx -> backups.deleteBackup(tx, ACCOUNT, REGION, arn));
        assertThat(deleted.backup().status()).isEqualTo("DELETED");
        assertThat(store.<List<io.strongroom.storage.StoredRecord>>read(tx -> tx.scan(new io.strongroom.storage.ScanQuery(UserBackups.ITEMS, "", null, 10,
                false)).records())).isEmpty();
        assertThatThrownBy(() -> store.read(tx -> backups.describeBackup(tx, ACCOUNT, REGION, arn)))
                .hasMessage("Backup not found: " + arn);
        assertThatThrownBy(() -> store.write(tx -> backups.deleteBackup(tx, ACCOUNT, REGION, arn)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("BackupNotFoundException"));
    }

    @Test
    void createBackupChecksItsNameThenItsTable() {
        createOrders();
        assertThatThrownBy(() -> store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "orders", "ab")))
                .hasMessage("1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
        assertThatThrownBy(() -> store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "orders",
                "my backup"))).hasMessageEndingWith("Member must satisfy regular expression pattern: "
                + "[a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "orders",
                "x".repeat(256)))).hasMessageEndingWith("Member must have length less than or equal to 255");
        assertThatThrownBy(() -> store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "missing",
                "nightly"))).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("TableNotFoundException"))
                .hasMessage("Table not found: missing");
    }

    @Test
    void overridesChooseIndexesAndBillingAndTheClassIsStandard() {
        createOrders();
        String arn = store.write(tx -> backups.createBackup(tx, ACCOUNT, REGION, "orders", "nightly")).backup()
                .arn();
        TableDescription noIndex = store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                new Inputs.RestoreFromBackup("rt1", arn, "PROVISIONED", 5L, 6L, List.of(), null, false, null,
                        List.of())));
        assertThat(noIndex.table()).extracting(Table::billingMode, Table::readCapacity, Table::writeCapacity,
                Table::indexes, Table::attributeDefinitions, Table::tableClass)
                .containsExactly("PROVISIONED", 5L, 6L, List.of(), Map.of("pk", "S"), null);
        TableDescription withIndex = store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                new Inputs.RestoreFromBackup("rt2", arn, "PROVISIONED", 5L, 6L, List.of(new Inputs.IndexOverride(
                        "byG", List.of(new Inputs.KeySchemaElement("g", "HASH")), 2L, 3L)), null, null, null,
                        List.of())));
        assertThat(withIndex.table().indexes()).singleElement().extracting(SecondaryIndex::readCapacity,
                SecondaryIndex::writeCapacity).containsExactly(2L, 3L);
        assertThatThrownBy(() -> store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                new Inputs.RestoreFromBackup("rt3", arn, "PROVISIONED", null, null, null, null, null, null,
                        List.of())))).hasMessage("ProvisionedThroughputOverride must be specified when "
                + "BillingModeOverride is PROVISIONED");
        assertThatThrownBy(() -> store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                new Inputs.RestoreFromBackup("rt3", arn, "PROVISIONED", 1L, 1L, null, null, null, null,
                        List.of())))).hasMessage("One or more parameter values were invalid: ProvisionedThroughput "
                + "must be specified for index: byG");
        assertThatThrownBy(() -> store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                new Inputs.RestoreFromBackup("rt3", arn, null, null, null, List.of(new Inputs.IndexOverride(
                        "other", List.of(), null, null)), null, null, null, List.of()))))
                .hasMessage("One or more parameter values were invalid: Global secondary index other is not an "
                        + "index of the backup");
        assertThatThrownBy(() -> store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                restore("rt1", arn)))).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("TableAlreadyExistsException"))
                .hasMessage("Table already exists: rt1");
    }

    @Test
    void awsBackupsBackupsAreDescribedButNeitherDeletedNorRestoredHere() {
        String arn = "arn:aws:dynamodb:eu-west-1:222222222222:table/orders/backup/01801234567890-0000abcd";
        awsBackups = List.of(new TableBackup(arn, "AwsBackup-01801234567890-0000abcd", "orders",
                Table.arn(REGION, ACCOUNT, "orders"), T0, null, TableBackup.AVAILABLE, TableBackup.AWS_BACKUP, 1));
        assertThat(store.read(tx -> backups.describeBackup(tx, ACCOUNT, REGION, arn)).backup().type())
                .isEqualTo("AWS_BACKUP");
        assertThatThrownBy(() -> store.write(tx -> backups.deleteBackup(tx, ACCOUNT, REGION, arn)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("ValidationException"))
                .hasMessageContaining("made by AWS Backup");
        assertThatThrownBy(() -> store.write(tx -> backups.restoreTableFromBackup(tx, ACCOUNT, REGION,
                restore("orders2", arn)))).hasMessageContaining("StartRestoreJob");
    }
}
