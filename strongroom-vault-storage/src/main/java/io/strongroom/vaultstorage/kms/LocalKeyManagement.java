package io.strongroom.vaultstorage.kms;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys held in memory; data keys wrapped with AES key wrap (RFC 3394, {@code AES/KW/NoPadding}) under a
 * key-encryption key derived from the master key and the encryption context, so a blob unwraps only with the
 * context it was made with (key wrap's integrity check fails otherwise).
 *
 * <p>Blob: version byte 1, the key id (modified UTF-8), then the 40-byte wrapped key.
 */
public final class LocalKeyManagement implements KeyManagement {
    private static final int BLOB_VERSION = 1;
    private final Map<String, byte[]> masterKeys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Creates a master key and returns its id. */
    public String createKey() {
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String keyId = java.util.HexFormat.of().formatHex(idBytes);
        byte[] master = new byte[32];
        random.nextBytes(master);
        masterKeys.put(keyId, master);
        return keyId;
    }

    /** Installs a known master key (a test that restarts a process needs the same key on both sides). */
    public LocalKeyManagement withKey(String keyId, byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes");
        }
        masterKeys.put(keyId, masterKey.clone());
        return this;
    }

    @Override
    public DataKey generateDataKey(String keyId, Map<String, String> encryptionContext) {
        byte[] master = master(keyId);
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        try {
            Cipher wrap = Cipher.getInstance("AES/KW/NoPadding");
            wrap.init(Cipher.ENCRYPT_MODE, keyEncryptionKey(master, encryptionContext));
            byte[] wrapped = wrap.doFinal(plaintext);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            out.writeByte(BLOB_VERSION);
            out.writeUTF(keyId);
            out.write(wrapped);
            return new DataKey(plaintext, blob.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("AES key wrap unavailable", e);
        }
    }

    @Override
    public byte[] decryptDataKey(byte[] wrappedKey, Map<String, String> encryptionContext) {
        String keyId;
        byte[] wrapped;
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(wrappedKey));
            if (in.readUnsignedByte() != BLOB_VERSION) {
                throw new KeyManagementException("not a wrapped data key of this key management");
            }
            keyId = in.readUTF();
            wrapped = in.readAllBytes();
        } catch (IOException e) {
            throw new KeyManagementException("not a wrapped data key of this key management", e);
        }
        byte[] master = master(keyId);
        try {
            Cipher unwrap = Cipher.getInstance("AES/KW/NoPadding");
            unwrap.init(Cipher.DECRYPT_MODE, keyEncryptionKey(master, encryptionContext));
            return unwrap.doFinal(wrapped);
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new KeyManagementException("the wrapped data key does not unwrap under key " + keyId
                    + " with this encryption context", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap unavailable", e);
        }
    }

    private byte[] master(String keyId) {
        byte[] master = masterKeys.get(keyId);
        if (master == null) {
            throw new KeyManagementException("no such key: " + keyId);
        }
        return master;
    }

    /** HMAC-SHA256(master, canonical context): binds the wrapped blob to its context. */
    private static SecretKeySpec keyEncryptionKey(byte[] master, Map<String, String> context)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master, "HmacSHA256"));
        mac.update("strongroom/kek\0".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            mac.update(lengthPrefix(key.length));
            mac.update(key);
            mac.update(lengthPrefix(value.length));
            mac.update(value);
        }
        return new SecretKeySpec(mac.doFinal(), "AES");
    }

    private static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
