package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.kms.LocalKeyManagement;
import io.strongroom.vaultstorage.testing.MutableClock;
import io.strongroom.vaultstorage.testing.SyntheticData;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process a crash test kills: {@code write <root> <size>} writes points p-0, p-1, … (point i is random data
 * of seed i) and prints "WROTE p-i" after each; {@code collect <root>} prints "COLLECTING", collects, prints
 * "DONE". Shares the test's fixed master key.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[1]);
        LocalKeyManagement kms = new LocalKeyManagement().withKey(StorageFixture.KEY_ID, StorageFixture.MASTER_KEY);
        LocalVaultStorage storage = LocalVaultStorage.open(root, kms, new MutableClock(StorageFixture.START),
                CrashTest.OPTIONS);
        if (args[0].equals("write")) {
            long size = Long.parseLong(args[2]);
            if (storage.listVaults().isEmpty()) {
                storage.createVault("v", StorageFixture.KEY_ID, Map.of("aws:backup:backup-vault", "v"));
            }
            for (int i = storage.list("v").size(); ; i++) {
                storage.write("v", "p-" + i, Retention.forever(), SyntheticData.random(size, i));
                System.out.println("WROTE p-" + i);
                System.out.flush();
            }
        }
        storage.list("v");
        System.out.println("COLLECTING");
        System.out.flush();
        var report = storage.collectGarbage();
        System.out.println("DONE " + report);
        System.out.flush();
        storage.close();
    }
}
