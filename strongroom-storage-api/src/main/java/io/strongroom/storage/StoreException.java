package io.strongroom.storage;

/** The store could not do what was asked (I/O, database unreachable, migration failure). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
