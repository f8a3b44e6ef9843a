package io.strongroom.vaultstorage;

/** A recovery point with this id already exists (or is being written) in the vault. */
public class RecoveryPointAlreadyExistsException extends VaultStorageException {
    public RecoveryPointAlreadyExistsException(String message) {
        super(message);
    }

    public RecoveryPointAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
