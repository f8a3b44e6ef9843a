package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.IntegrityException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * {@code vault.key}: "SRVK", version 1, the KMS key id, the encryption context, the wrapped data key, CRC32C.
 * Written once when the vault is created; the data key itself is never on disk.
 */
record VaultKeyFile(String kmsKeyId, Map<String, String> encryptionContext, byte[] wrappedDataKey) {
    private static final byte[] MAGIC = {'S', 'R', 'V', 'K'};

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(1);
            out.writeUTF(kmsKeyId);
            out.writeInt(encryptionContext.size());
            for (Map.Entry<String, String> e : encryptionContext.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(wrappedDataKey.length);
            out.write(wrappedDataKey);
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VaultKeyFile decode(byte[] file, String where) {
        try {
            if (file.length < 9) {
                throw new IntegrityException(where + ": vault key file truncated");
            }
            CRC32C crc = new CRC32C();
            crc.update(file, 0, file.length - 4);
            int stored = java.nio.ByteBuffer.wrap(file, file.length - 4, 4).getInt();
            if ((int) crc.getValue() != stored || !Arrays.equals(Arrays.copyOf(file, 4), MAGIC) || file[4] != 1) {
                throw new IntegrityException(where + ": vault key file damaged");
            }
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(file, 5, file.length - 9));
            String keyId = in.readUTF();
            int count = in.readInt();
            Map<String, String> context = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                context.put(in.readUTF(), in.readUTF());
            }
            byte[] wrapped = in.readNBytes(in.readInt());
            return new VaultKeyFile(keyId, context, wrapped);
        } catch (IOException e) {
            throw new IntegrityException(where + ": vault key file damaged", e);
        }
    }
}
