package io.strongroom.vaultstorage;

/** A condition of the vault storage that a caller maps to an AWS error. */
public class VaultStorageException extends RuntimeException {
    public VaultStorageException(String message) {
        super(message);
    }

    public VaultStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
