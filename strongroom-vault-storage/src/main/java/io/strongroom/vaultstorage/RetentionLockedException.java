package io.strongroom.vaultstorage;

/** A delete or retention change refused because the recovery point's retention lock holds. */
public class RetentionLockedException extends VaultStorageException {
    public RetentionLockedException(String message) {
        super(message);
    }

    public RetentionLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
