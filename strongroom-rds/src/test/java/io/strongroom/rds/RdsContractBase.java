package io.strongroom.rds;

import io.strongroom.rds.h2.H2Databases;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider contract over a real store and real H2 databases; data is the test table {@code accounts},
 * written and read with the PostgreSQL JDBC driver through the resource's endpoint.
 */
abstract class RdsContractBase extends ResourceProviderContract {
    @TempDir
    Path dir;
    H2Databases databases;
    RdsService rds;

    /** The provider under test, over {@link #rds}. */
    protected abstract ResourceProvider provider(RdsService rds);

    /** Creates the instance or cluster; returns its ARN. */
    protected abstract String create(String name, Map<String, String> tags);

    /** A client on the endpoint of the resource an ARN names. */
    protected abstract PgClient client(String arn);

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
        return provider(rds);
    }

    @AfterEach
    void closeDatabases() {
        databases.close();
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        String arn = create(name, tags);
        client(arn).run(PgClient.CREATE_ACCOUNTS);
        return arn;
    }

    @Override
    protected void changeData(String arn) {
        client(arn).run(PgClient.CHANGE_ACCOUNTS);
    }

    @Override
    protected Object readData(String arn) {
        return client(arn).accounts();
    }

    static String identifier(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

}
