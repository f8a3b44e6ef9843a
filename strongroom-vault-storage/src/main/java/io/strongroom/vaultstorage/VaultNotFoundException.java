package io.strongroom.vaultstorage;

/** No such vault. */
public class VaultNotFoundException extends VaultStorageException {
    public VaultNotFoundException(String message) {
        super(message);
    }

    public VaultNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
