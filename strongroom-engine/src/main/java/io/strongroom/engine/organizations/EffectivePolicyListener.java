package io.strongroom.engine.organizations;

import io.strongroom.storage.Tx;

/**
 * Told, inside the changing transaction, when an account's effective policy of a type changes (content
 * null: the account no longer has one). AWS Backup turns effective backup policies into plans this way.
 */
public interface EffectivePolicyListener {
    void effectivePolicyChanged(Tx tx, String accountId, String type, String content);
}
