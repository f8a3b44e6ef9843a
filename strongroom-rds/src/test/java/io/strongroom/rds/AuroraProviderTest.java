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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Aurora clusters through the provider contract: the cluster's database, reached on its cluster endpoint. */
class AuroraProviderTest extends ResourceProviderContract {
    static final String PASSWORD = "Aur0ra-password";

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
        return new AuroraProvider(rds);
    }

    @AfterEach
    void closeDatabases() {
        databases.close();
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        DbCluster c = store.write(tx -> rds.createDbCluster(tx, ACCOUNT, REGION, new Inputs.CreateDbCluster(name,
                "aurora-postgresql", null, "master", PASSWORD, null, "bank", null, null, null, null, null, null,
                null, tags)));
        client(c.arn()).run(PgClient.CREATE_ACCOUNTS);
        return c.arn();
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
        return Map.of("DBClusterIdentifier", newName);
    }

    PgClient client(String arn) {
        String id = arn.substring(arn.lastIndexOf(':') + 1);
        DbCluster c = store.read(tx -> rds.cluster(tx, ACCOUNT, REGION, id));
        return new PgClient(c.port(), c.databaseName(), c.masterUsername(), PASSWORD);
    }

    @Test
    void aRestoredClusterHasNoInstancesAndAnInstanceAddedLaterSeesTheRows() {
        String arn = createResourceWithData("source", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        assertThat(snapshot.restoreMetadata()).containsEntry("DBClusterIdentifier", "source")
                .containsEntry("Engine", "aurora-postgresql").containsEntry("DatabaseName", "bank");
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("DBClusterIdentifier", "copy")));
        DbCluster copy = store.read(tx -> rds.cluster(tx, ACCOUNT, REGION, "copy"));
        java.util.List<DbInstance> members = store.read(tx -> rds.members(tx, copy));
        assertThat(members).isEmpty();
        DbInstance member = store.write(tx -> rds.createDbInstance(tx, ACCOUNT, REGION, new Inputs.CreateDbInstance(
                "copy-1", "db.r6g.large", "aurora-postgresql", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "copy", Map.of())));
        assertThat(new PgClient(member.port(), "bank", "master", PASSWORD).accounts())
                .isEqualTo(client(arn).accounts());
    }
}
