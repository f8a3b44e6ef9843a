package io.strongroom.vaultstorage;

/** A vault with this id already exists. */
public class VaultAlreadyExistsException extends VaultStorageException {
    public VaultAlreadyExistsException(String message) {
        super(message);
    }

    public VaultAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
