package io.strongroom.rds;

import io.strongroom.resource.ResourceProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DB instances through the provider contract, their rows read and written with the PostgreSQL JDBC driver
 * through each instance's endpoint: a restore brings back the snapshot's rows, the source keeps its own.
 */
class RdsProviderTest extends RdsContractBase {
    static final String PASSWORD = "s3cret-Passw0rd";

    @Override
    protected ResourceProvider provider(RdsService rds) {
        return new RdsProvider(rds);
    }

    @Override
    protected String create(String name, Map<String, String> tags) {
        return createInstance(name, tags).arn();
    }

    DbInstance createInstance(String name, Map<String, String> tags) {
        return store.write(tx -> rds.createDbInstance(tx, ACCOUNT, REGION, new Inputs.CreateDbInstance(name,
                "db.t3.micro", "postgres", null, 20, null, "master", PASSWORD, null, "app", null, null, null, null,
                null, null, null, null, null, tags)));
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("DBInstanceIdentifier", newName, "DBInstanceClass", "db.t3.small");
    }

    @Override
    protected PgClient client(String arn) {
        DbInstance i = store.read(tx -> rds.instance(tx, ACCOUNT, REGION, identifier(arn)));
        return new PgClient(i.port(), i.dbName(), i.masterUsername(), PASSWORD);
    }

    @Test
    void restoredInstanceKeepsTheSnapshotsMasterUserAndMetadata() {
        String arn = createResourceWithData("config", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
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
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("DBInstanceIdentifier");
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("DBInstanceIdentifier", "other", "DBInstanceClass", "db.nope.large"))))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("DBInstanceClass=db.nope");
    }

    @Test
    void deletingDropsTheDatabaseAndItsFiles() {
        DbInstance i = createInstance("dropped", Map.of());
        Path files = dir.resolve("rds").resolve(i.resourceId().toLowerCase());
        assertThat(files).isDirectory();
        store.write(tx -> rds.deleteDbInstance(tx, ACCOUNT, REGION, "dropped", true, null));
        assertThat(files).doesNotExist();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/app",
                "master", PASSWORD)).isInstanceOf(SQLException.class);
    }

    @Test
    void aPasswordChangeTakesEffect() throws SQLException {
        DbInstance i = createInstance("rotated", Map.of());
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
        DbInstance i = createInstance("named", Map.of());
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + i.port() + "/other",
                "master", PASSWORD)).isInstanceOf(SQLException.class)
                .hasMessageContaining("database \"other\" does not exist")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"));
    }
}
