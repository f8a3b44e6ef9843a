package io.strongroom.vaultstorage;

/** Stored bytes failed verification: a chunk, pack or manifest is damaged or missing. Never repaired silently. */
public class IntegrityException extends VaultStorageException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
