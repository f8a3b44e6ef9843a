package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

/**
 * The KMS keys vaults are encrypted under, as AWS Backup asks KMS for them (the server wires it to KMS): the
 * account's AWS managed {@code aws/backup} key, made on first use, and a customer key named by its ARN.
 */
public interface VaultKeys {
    /** A key as a vault sees it. */
    record VaultKey(String arn, boolean awsManaged, boolean enabled) {
    }

    /** The account's AWS managed {@code alias/aws/backup} key in the Region, created when it does not exist yet. */
    VaultKey defaultKey(Tx tx, String accountId, String region);

    /** The key a key ARN names (in any account), or null when there is none. */
    VaultKey key(Tx tx, String keyArn);
}
