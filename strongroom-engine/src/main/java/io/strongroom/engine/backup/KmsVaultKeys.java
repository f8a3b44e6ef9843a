package io.strongroom.engine.backup;

import io.strongroom.engine.kms.KmsKey;
import io.strongroom.engine.kms.KmsService;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Tx;

/** AWS Backup's vault keys, answered by KMS: the AWS managed aws/backup key (made on first use) and key ARNs. */
public final class KmsVaultKeys implements VaultKeys {
    private final KmsService kms;

    public KmsVaultKeys(KmsService kms) {
        this.kms = kms;
    }

    @Override
    public VaultKey defaultKey(Tx tx, String accountId, String region) {
        return of(kms.key(tx, accountId, region, "alias/aws/backup"));
    }

    @Override
    public VaultKey key(Tx tx, String keyArn) {
        try {
            // A key ARN names its account and Region itself; the caller's account and Region are not used.
            return of(kms.key(tx, "000000000000", "none", keyArn));
        } catch (ServiceException e) {
            return null;
        }
    }

    private static VaultKey of(KmsKey key) {
        return new VaultKey(key.arn(), key.awsManaged(), key.enabled());
    }
}
