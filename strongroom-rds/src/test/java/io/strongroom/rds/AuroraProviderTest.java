package io.strongroom.rds;

import io.strongroom.resource.ResourceProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Aurora clusters through the provider contract: the cluster's database, reached on its cluster endpoint. */
class AuroraProviderTest extends RdsContractBase {
    static final String PASSWORD = "Aur0ra-password";

    @Override
    protected ResourceProvider provider(RdsService rds) {
        return new AuroraProvider(rds);
    }

    @Override
    protected String create(String name, Map<String, String> tags) {
        return store.write(tx -> rds.clusters().create(tx, ACCOUNT, REGION, new Inputs.CreateDbCluster(name,
                "aurora-postgresql", null, "master", PASSWORD, null, "bank", null, null, null, null, null, null,
                null, tags))).arn();
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("DBClusterIdentifier", newName);
    }

    @Override
    protected PgClient client(String arn) {
        DbCluster c = store.read(tx -> rds.clusters().get(tx, ACCOUNT, REGION, identifier(arn)));
        return new PgClient(c.port(), c.databaseName(), c.masterUsername(), PASSWORD);
    }

    @Test
    void aRestoredClusterHasNoInstancesAndAnInstanceAddedLaterSeesTheRows() {
        String arn = createResourceWithData("source", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(snapshot.restoreMetadata()).containsEntry("DBClusterIdentifier", "source")
                .containsEntry("Engine", "aurora-postgresql").containsEntry("DatabaseName", "bank");
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("DBClusterIdentifier", "copy")));
        DbCluster copy = store.read(tx -> rds.clusters().get(tx, ACCOUNT, REGION, "copy"));
        java.util.List<DbInstance> members = store.read(tx -> rds.members(tx, copy));
        assertThat(members).isEmpty();
        DbInstance member = store.write(tx -> rds.createDbInstance(tx, ACCOUNT, REGION, new Inputs.CreateDbInstance(
                "copy-1", "db.r6g.large", "aurora-postgresql", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "copy", Map.of())));
        assertThat(new PgClient(member.port(), "bank", "master", PASSWORD).accounts())
                .isEqualTo(client(arn).accounts());
    }
}
