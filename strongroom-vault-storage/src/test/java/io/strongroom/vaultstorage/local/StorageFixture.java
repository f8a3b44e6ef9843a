package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.kms.LocalKeyManagement;
import io.strongroom.vaultstorage.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** A storage on a temporary directory with a real local KMS and a clock the test moves. */
final class StorageFixture implements AutoCloseable {
    static final String KEY_ID = "00112233445566778899aabbccddeeff";
    static final byte[] MASTER_KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final Instant START = Instant.parse("2027-02-01T00:00:00Z");

    final Path root;
    final LocalKeyManagement kms = new LocalKeyManagement().withKey(KEY_ID, MASTER_KEY);
    final MutableClock clock = new MutableClock(START);
    final LocalVaultStorageOptions options;
    LocalVaultStorage storage;

    StorageFixture(Path root) {
        this(root, LocalVaultStorageOptions.DEFAULT.withPackTargetSize(1 << 20));
    }

    StorageFixture(Path root, LocalVaultStorageOptions options) {
        this.root = root;
        this.options = options;
        this.storage = LocalVaultStorage.open(root, kms, clock, options);
    }

    void createVault(String vault) {
        storage.createVault(vault, KEY_ID, Map.of("aws:backup:backup-vault", vault));
    }

    /** Closes and opens the storage again, as a restarted process would. */
    void reopen() {
        storage.close();
        storage = LocalVaultStorage.open(root, kms, clock, options);
    }

    VaultLayout layout(String vault) {
        return new VaultLayout(root.resolve("vaults").resolve(vault));
    }

    @Override
    public void close() {
        storage.close();
    }

    static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
