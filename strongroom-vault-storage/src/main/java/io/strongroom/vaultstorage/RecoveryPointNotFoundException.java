package io.strongroom.vaultstorage;

/** No such recovery point in the vault. */
public class RecoveryPointNotFoundException extends VaultStorageException {
    public RecoveryPointNotFoundException(String message) {
        super(message);
    }

    public RecoveryPointNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
