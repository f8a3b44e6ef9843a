package io.strongroom.storage.jdbc;

import io.strongroom.storage.Store;
import io.strongroom.storage.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }
}
