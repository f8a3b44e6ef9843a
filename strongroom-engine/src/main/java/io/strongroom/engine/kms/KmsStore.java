package io.strongroom.engine.kms;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of keys ({@code kms.keys} under {@code <account>/<region>/<key-id>}), aliases ({@code kms.aliases}
 * under {@code <account>/<region>/<alias-name>}) and grants ({@code kms.grants} under {@code <key-id>/<grant-id>}).
 */
final class KmsStore {
    private final Collection<KmsKey> keys = new Collection<>("kms.keys", JsonCodec.of(KmsKey.class));
    private final Collection<KmsAlias> aliases = new Collection<>("kms.aliases", JsonCodec.of(KmsAlias.class));
    private final Collection<KmsGrant> grants = new Collection<>("kms.grants", JsonCodec.of(KmsGrant.class));

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    Optional<KmsKey> key(Tx tx, String account, String region, String keyId) {
        return keys.get(tx, scope(account, region) + keyId);
    }

    List<KmsKey> keys(Tx tx, String account, String region) {
        return keys.list(tx, scope(account, region));
    }

    void putKey(Tx tx, KmsKey key, boolean create) {
        keys.put(tx, scope(key.accountId(), key.region()) + key.keyId(), key, create ? Tx.ABSENT : Tx.ANY);
    }

    void deleteKey(Tx tx, KmsKey key) {
        keys.delete(tx, scope(key.accountId(), key.region()) + key.keyId());
    }

    Optional<KmsAlias> alias(Tx tx, String account, String region, String aliasName) {
        return aliases.get(tx, scope(account, region) + aliasName);
    }

    List<KmsAlias> aliases(Tx tx, String account, String region) {
        return aliases.list(tx, scope(account, region));
    }

    List<KmsAlias> aliasesOf(Tx tx, KmsKey key) {
        return aliases(tx, key.accountId(), key.region()).stream()
                .filter(a -> key.keyId().equals(a.targetKeyId())).toList();
    }

    void putAlias(Tx tx, KmsAlias alias, boolean create) {
        aliases.put(tx, scope(alias.accountId(), alias.region()) + alias.aliasName(), alias,
                create ? Tx.ABSENT : Tx.ANY);
    }

    void deleteAlias(Tx tx, KmsAlias alias) {
        aliases.delete(tx, scope(alias.accountId(), alias.region()) + alias.aliasName());
    }

    List<KmsGrant> grants(Tx tx, String keyId) {
        return grants.list(tx, keyId + "/");
    }

    List<KmsGrant> allGrants(Tx tx) {
        return grants.list(tx, "");
    }

    Optional<KmsGrant> grant(Tx tx, String keyId, String grantId) {
        return grants.get(tx, keyId + "/" + grantId);
    }

    void putGrant(Tx tx, String keyId, KmsGrant grant) {
        grants.put(tx, keyId + "/" + grant.grantId(), grant);
    }

    void deleteGrant(Tx tx, String keyId, String grantId) {
        grants.delete(tx, keyId + "/" + grantId);
    }
}
