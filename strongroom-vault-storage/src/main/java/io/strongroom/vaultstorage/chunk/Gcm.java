package io.strongroom.vaultstorage.chunk;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;

/**
 * AES-GCM ciphers, one per thread: looking a cipher up costs more than sealing a small chunk or manifest with it, and
 * every use starts with init (a fresh nonce to encrypt), so a thread's cipher can serve all its operations.
 */
public final class Gcm {
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private Gcm() {
    }

    /** This thread's cipher; call init before every use. */
    public static Cipher cipher() {
        return CIPHERS.get();
    }
}
