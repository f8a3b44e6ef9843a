package io.strongroom.engine.kms;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Optional;

/** AES-256-GCM with a 96-bit IV and a 128-bit tag, the one cipher KMS uses here. */
final class AesGcm {
    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;

    private AesGcm() {
    }

    /** The ciphertext with its tag appended. */
    static byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext; empty when the tag does not verify (wrong key, wrong AAD, altered bytes). */
    static Optional<byte[]> open(byte[] key, byte[] iv, byte[] aad, byte[] sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv);
            cipher.updateAAD(aad);
            return Optional.of(cipher.doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        if (key.length != KEY_BYTES || iv.length != IV_BYTES) {
            throw new IllegalArgumentException("AES-256-GCM takes a 32-byte key and a 12-byte IV");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
        return cipher;
    }
}
