package io.strongroom.server;

import io.strongroom.ec2.Ec2Service;
import io.strongroom.server.admin.AdminApi;
import io.strongroom.storage.Store;

import java.util.Optional;

/**
 * The admin API's EBS volume-data extension over the EC2 engine: the volume files, looked up in a read
 * transaction (writing a volume's bytes changes no record).
 */
final class AdminEbsDataImpl implements AdminApi.AdminEbsData {
    private final Store store;
    private final Ec2Service ec2;

    AdminEbsDataImpl(Store store, Ec2Service ec2) {
        this.store = store;
        this.ec2 = ec2;
    }

    @Override
    public Optional<byte[]> read(String volumeId) {
        return store.read(tx -> ec2.find(tx, volumeId).map(v -> ec2.getData(tx, v.id())));
    }

    @Override
    public int write(String volumeId, byte[] content) {
        return store.read(tx -> {
            if (ec2.find(tx, volumeId).isEmpty()) {
                return 404;
            }
            return ec2.putData(tx, volumeId, content) ? 200 : 413;
        });
    }
}
