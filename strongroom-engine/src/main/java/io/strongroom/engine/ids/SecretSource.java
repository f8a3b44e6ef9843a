package io.strongroom.engine.ids;

/**
 * Unpredictable material for secrets (secret access keys, session tokens). A port: the server
 * supplies a secure random source; ids stay deterministic, secrets must not be guessable from a seed.
 */
public interface SecretSource {
    /** {@code length} characters drawn from {@code alphabet}. */
    String randomString(String alphabet, int length);
}
