package io.strongroom.vaultstorage;

/** The vault still holds recovery points. */
public class VaultNotEmptyException extends VaultStorageException {
    public VaultNotEmptyException(String message) {
        super(message);
    }

    public VaultNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
