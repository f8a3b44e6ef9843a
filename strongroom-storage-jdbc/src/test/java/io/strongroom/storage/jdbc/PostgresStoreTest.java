package io.strongroom.storage.jdbc;

import io.strongroom.storage.Store;
import io.strongroom.storage.StoreContract;

class PostgresStoreTest extends StoreContract {

    @Override
    protected Store newStore() {
        return StoreFactory.open(PostgresTestServer.shared().newDatabase());
    }
}
