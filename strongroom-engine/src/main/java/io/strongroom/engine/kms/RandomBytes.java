package io.strongroom.engine.kms;

/**
 * Unpredictable bytes for key material, data keys and IVs. A port: the server supplies a {@code SecureRandom};
 * ids stay deterministic (seeded), key material must not be derivable from a seed.
 */
@FunctionalInterface
public interface RandomBytes {
    byte[] next(int length);
}
