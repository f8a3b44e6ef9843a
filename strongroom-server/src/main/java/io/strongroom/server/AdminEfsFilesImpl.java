package io.strongroom.server;

import io.strongroom.efs.EfsService;
import io.strongroom.server.admin.AdminApi;
import io.strongroom.storage.Store;

import java.util.List;
import java.util.Optional;

/**
 * The admin API's EFS file extension over the EFS engine: the file systems' directories, looked up in a read
 * transaction (writing a file changes no record).
 */
final class AdminEfsFilesImpl implements AdminApi.AdminEfsFiles {
    private final Store store;
    private final EfsService efs;

    AdminEfsFilesImpl(Store store, EfsService efs) {
        this.store = store;
        this.efs = efs;
    }

    @Override
    public Optional<List<String>> list(String fileSystemId) {
        return store.read(tx -> efs.find(tx, fileSystemId).map(fs -> efs.listFiles(tx, fs.id())));
    }

    @Override
    public Optional<byte[]> read(String fileSystemId, String path) {
        return store.read(tx -> efs.find(tx, fileSystemId).flatMap(fs -> efs.getFile(tx, fs.id(), path)));
    }

    @Override
    public boolean write(String fileSystemId, String path, byte[] content) {
        return store.read(tx -> {
            if (efs.find(tx, fileSystemId).isEmpty()) {
                return false;
            }
            efs.putFile(tx, fileSystemId, path, content);
            return true;
        });
    }
}
