package io.strongroom.vaultstorage.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalKeyManagementTest {
    private final LocalKeyManagement kms = new LocalKeyManagement();

    @Test
    void aDataKeyUnwrapsWithItsContextOnly() {
        String key = kms.createKey();
        DataKey dataKey = kms.generateDataKey(key, Map.of("aws:backup:backup-vault", "a"));
        assertThat(dataKey.plaintext()).hasSize(32);
        assertThat(io.strongroom.vaultstorage.testing.Bytes.contains(dataKey.wrapped(), dataKey.plaintext())).isFalse();
        assertThat(kms.decryptDataKey(dataKey.wrapped(), Map.of("aws:backup:backup-vault", "a")))
                .isEqualTo(dataKey.plaintext());
        assertThatThrownBy(() -> kms.decryptDataKey(dataKey.wrapped(), Map.of("aws:backup:backup-vault", "b")))
                .isInstanceOf(KeyManagementException.class).hasMessageContaining("does not unwrap under key " + key);
    }

    @Test
    void aBlobNamesItsKeyAndAnotherManagementWithoutThatKeyCannotUnwrapIt() {
        String key = kms.createKey();
        DataKey dataKey = kms.generateDataKey(key, Map.of());
        assertThatThrownBy(() -> new LocalKeyManagement().decryptDataKey(dataKey.wrapped(), Map.of()))
                .isInstanceOf(KeyManagementException.class).hasMessage("no such key: " + key);
        assertThatThrownBy(() -> kms.generateDataKey("nope", Map.of())).isInstanceOf(KeyManagementException.class);
    }

    @Test
    void aDamagedBlobIsRefused() {
        String key = kms.createKey();
        byte[] blob = kms.generateDataKey(key, Map.of()).wrapped();
        blob[blob.length - 3] ^= 1;
        assertThatThrownBy(() -> kms.decryptDataKey(blob, Map.of())).isInstanceOf(KeyManagementException.class);
    }
}
