package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoreException;

/**
 * The database refused a statement because of a concurrent transaction. It only reaches callers
 * when retries run out: the transaction runner sees it and runs the work again, even if the work
 * caught it.
 */
final class SerializationConflictException extends StoreException {
    SerializationConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
