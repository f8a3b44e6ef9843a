package io.strongroom.vaultstorage.kms;

/** A key could not be used: unknown key, or a blob that does not unwrap under its key and context. */
public class KeyManagementException extends RuntimeException {
    public KeyManagementException(String message) {
        super(message);
    }

    public KeyManagementException(String message, Throwable cause) {
        super(message, cause);
    }
}
