package io.strongroom.rds;

import io.strongroom.rds.h2.H2Databases;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DB instances through the provider contract, their rows read and written with the PostgreSQL JDBC driver
 * through each instance's endpoint: a restore brings back the snapshot's rows, the source keeps its own.
 */
class RdsProviderTest extends ResourceProviderContract {
    static final String PASSWORD = "s3cret-Passw0rd";

    @TempDir
    Path dir;
    H2Databases databases;
    RdsService rds;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        databases = new H2Databases(dir.resolve("rds"));
        AtomicInteger ids = new AtomicInteger();
        rds = new RdsService(Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC),
                tx -> String.format("%026d", ids.incrementAndGet()), databases);
        return new RdsProvider(rds);
    }

    @AfterEach
    void closeDatabases() {
        databases.close();
    }

    DbInstance create(String name, Map<String, String> tags) {
        return store.write(tx -> rds.createDbInstance(tx, ACCOUNT, REGION, new Inputs.CreateDbInstance(name,
                "db.t3.micro", "postgres", null, 20, null, "master", PASSWORD, null, "app", null, null, null, null,
                null, null, null, null, null, tags)));
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        DbInstance i = create(name, tags);
        client(i.arn()).run(PgClient.CREATE_ACCOUNTS);
        return i.arn();
    }

    @Override
    protected void changeData(String arn) {
        client(arn).run(PgClient.CHANGE_ACCOUNTS);
    }

    @Override
    protected Object readData(String arn) {
        return client(arn).accounts();
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("DBInstanceIdentifier", newName, "DBInstanceClass", "db.t3.small");
    }

    PgClient client(String arn) {
        String id = arn.substring(arn.lastIndexOf(':') + 1);
        DbInstance i = store.read(tx -> rds.instance(tx, ACCOUNT, REGION, id));
        return new PgClient(i.port(), i.dbName(), i.masterUsername(), PASSWORD);
    }

    @Test
    void restoredInstanceKeepsTheSnapshotsMasterUserAndMetadata() {
        String arn = createResourceWithData("config", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        assertThat(snapshot.restoreMetadata()).containsEntry("DBInstanceIdentifier", "config")
                .containsEntry("DBInstanceClass", "db.t3.micro").containsEntry("Engine", "postgres")
                .containsEntry("AvailabilityZone", REGION + "a").containsEntry("DBName", "app");
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("dbinstanceidentifier", "Config-Copy", "AvailabilityZone", REGION + "b")));
        DbInstance copy = store.read(tx -> rds.instance(tx, ACCOUNT, REGION, "config-copy"));
        assertThat(restored.name()).isEqualTo("config-copy");
        assertThat(copy.availabilityZone()).isEqualTo(REGION + "b");
        assertThat(copy.restoredFrom()).isEqualTo(arn);
        assertThat(copy.tags()).isEmpty();
        assertThat(copy.port()).isNotEqualTo(store.read(tx -> rds.instance(tx, ACCOUNT, REGION, "config")).port());
        assertThat(readData(copy.arn())).isEqualTo(readData(arn));
    }

    @Test
    void refusesRestoresWithoutAnIdentifierOrWithAnUnknownClass() {
        String arn = createResourceWithData("refusals", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("DBInstanceIdentifier");
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("DBInstanceIdentifier", "other", "DBInstanceClass", "db.nope.large"))))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("DBInstanceClass=db.nope");
    }

    @Test
    void deletingDropsTheDatabaseAndItsFiles() {
        DbInstance i = create("dropped", Map.of());
        Path files = dir.resolve("rds").resolve(i.resourceId().toLowerCase());
        assertThat(files).isDirectory();
        store.write(tx -> rds.deleteDbInstance(tx, ACCOUNT, REGION, "dropped", true, null));
        assertThat(files).doesNotExist();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/app",
                "master", PASSWORD)).isInstanceOf(SQLException.class);
    }

    @Test
    void aPasswordChangeTakesEffect() throws SQLException {
        DbInstance i = create("rotated", Map.of());
        store.write(tx -> rds.modifyDbInstance(tx, ACCOUNT, REGION,
                new Inputs.ModifyDbInstance("rotated", null, null, "n3w-Password!", null, null)));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/app",
                "master", "n3w-Password!")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/app",
                "master", PASSWORD)).isInstanceOf(SQLException.class);
    }

    @Test
    void anotherDatabaseNameIsRefusedAsPostgreSqlDoes() {
        DbInstance i = create("named", Map.of());
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/other",
                "master", PASSWORD)).isInstanceOf(SQLException.class)
                .hasMessageContaining("database \"other\" does not exist")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"));
    }
}
