package io.strongroom.server;

import io.strongroom.engine.ids.SecretSource;

import java.security.SecureRandom;

/** Secret material from a cryptographically strong source. */
final class SecureSecrets implements SecretSource {
    private final SecureRandom random;

    SecureSecrets(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
