package io.strongroom.vaultstorage.local;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a worker's result and rethrows its failure as it was thrown. */
final class Futures {
    private Futures() {
    }

    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
