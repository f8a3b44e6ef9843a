package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.LockMode;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.chunk.ChunkId;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import io.strongroom.vaultstorage.chunk.Gcm;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A manifest file: "SRMF", version 2, the header (the stat: ids, created, retention, sizes, counts), the header's
 * CRC32C, then a 12-byte nonce, the body length and the body under AES-256-GCM with the vault's manifest key and
 * everything before the nonce as associated data. The body holds per chunk its id, plain length, stored length and a
 * flag; when the flag is 1 the chunk's sealed record follows (a small point's new chunks, D78). Version 1 (written
 * before D78) has no flag and no records; it is still read.
 *
 * <p>The header is readable without the vault's keys (expiry and listing need no KMS call), the CRC catches
 * damage to it, and the GCM tag makes the whole file tamper-evident when the content is read.
 */
final class ManifestCodec {
    private static final byte[] MAGIC = {'S', 'R', 'M', 'F'};
    private static final int VERSION = 2;
    private static final int WITHOUT_INLINE_RECORDS = 1;
    private static final SecureRandom NONCES = new SecureRandom();

    private ManifestCodec() {
    }

    static byte[] encode(Manifest manifest, SecretKey key) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(VERSION);
            writeHeader(out, manifest.stat());
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            byte[] associated = bytes.toByteArray();
            int bodyLength = manifest.entries().size() * (Manifest.Entry.ENCODED_LENGTH + 1);
            for (Manifest.Entry entry : manifest.entries()) {
                bodyLength += entry.inline() == null ? 0 : entry.inline().length;
            }
            ByteBuffer body = ByteBuffer.allocate(bodyLength);
            byte[] id = new byte[ChunkId.LENGTH];
            for (Manifest.Entry entry : manifest.entries()) {
                entry.id().copyTo(id, 0);
                body.put(id).putInt(entry.plainLength()).putInt(entry.storedLength());
                if (entry.inline() == null) {
                    body.put((byte) 0);
                } else {
                    body.put((byte) 1).put(entry.inline());
                }
            }
            byte[] nonce = new byte[12];
            NONCES.nextBytes(nonce);
            Cipher cipher = Gcm.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associated);
            byte[] sealed = cipher.doFinal(body.array());
            out.write(nonce);
            out.writeInt(sealed.length);
            out.write(sealed);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The header alone, checked against its CRC. */
    static RecoveryPointStat decodeStat(byte[] file, String where) {
        return parse(file, where).stat;
    }

    /** The whole manifest, authenticated. */
    static Manifest decode(byte[] file, SecretKey key, String where) {
        Parsed parsed = parse(file, where);
        try {
            Cipher cipher = Gcm.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, file, parsed.bodyStart, 12));
            cipher.updateAAD(file, 0, parsed.headerEnd);
            byte[] body = cipher.doFinal(file, parsed.bodyStart + 16, parsed.bodyLength);
            List<Manifest.Entry> entries = parsed.version == WITHOUT_INLINE_RECORDS ? entriesV1(body, parsed, where)
                    : entries(body, parsed, where);
            return new Manifest(parsed.stat, entries);
        } catch (AEADBadTagException e) {
            throw new IntegrityException(where + ": manifest does not authenticate (damaged or tampered with)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static List<Manifest.Entry> entriesV1(byte[] body, Parsed parsed, String where) {
        if (body.length % Manifest.Entry.ENCODED_LENGTH != 0
                || body.length / Manifest.Entry.ENCODED_LENGTH != parsed.stat.chunkCount()) {
            throw new IntegrityException(where + ": manifest body does not match its header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        List<Manifest.Entry> entries = new ArrayList<>(parsed.stat.chunkCount());
        byte[] id = new byte[ChunkId.LENGTH];
        while (buffer.hasRemaining()) {
            buffer.get(id);
            entries.add(new Manifest.Entry(ChunkId.of(id), buffer.getInt(), buffer.getInt()));
        }
        return entries;
    }

    private static List<Manifest.Entry> entries(byte[] body, Parsed parsed, String where) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        List<Manifest.Entry> entries = new ArrayList<>(parsed.stat.chunkCount());
        byte[] id = new byte[ChunkId.LENGTH];
        while (buffer.remaining() >= Manifest.Entry.ENCODED_LENGTH + 1 && entries.size() < parsed.stat.chunkCount()) {
            buffer.get(id);
            int plainLength = buffer.getInt();
            int storedLength = buffer.getInt();
            byte flag = buffer.get();
            byte[] inline = null;
            if (flag == 1 && storedLength >= 0 && storedLength <= buffer.remaining()) {
                inline = new byte[storedLength];
                buffer.get(inline);
            } else if (flag != 0) {
                break;
            }
            entries.add(new Manifest.Entry(ChunkId.of(id), plainLength, storedLength, inline));
        }
        if (buffer.hasRemaining() || entries.size() != parsed.stat.chunkCount()) {
            throw new IntegrityException(where + ": manifest body does not match its header");
        }
        return entries;
    }

    private record Parsed(RecoveryPointStat stat, int version, int headerEnd, int bodyStart, int bodyLength) {
    }

    private static Parsed parse(byte[] file, String where) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(file));
            byte[] magic = in.readNBytes(4);
            int version = in.readUnsignedByte();
            if (!Arrays.equals(magic, MAGIC) || (version != VERSION && version != WITHOUT_INLINE_RECORDS)) {
                throw new IntegrityException(where + ": not a manifest (magic or version damaged)");
            }
            RecoveryPointStat stat = readHeader(in);
            int crcOffset = file.length - in.available();
            int storedCrc = in.readInt();
            CRC32C crc = new CRC32C();
            crc.update(file, 0, crcOffset);
            if ((int) crc.getValue() != storedCrc) {
                throw new IntegrityException(where + ": manifest header checksum mismatch");
            }
            int headerEnd = crcOffset + 4;
            int bodyStart = headerEnd;
            in.skipNBytes(12);
            int bodyLength = in.readInt();
            if (bodyLength < 16 || bodyLength != in.available()) {
                throw new IntegrityException(where + ": manifest truncated");
            }
            return new Parsed(stat, version, headerEnd, bodyStart, bodyLength);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IntegrityException integrity) {
                throw integrity;
            }
            throw new IntegrityException(where + ": manifest unreadable: " + e.getMessage(), e);
        }
    }

    private static void writeHeader(DataOutputStream out, RecoveryPointStat stat) throws IOException {
        out.writeUTF(stat.vault());
        out.writeUTF(stat.recoveryPointId());
        writeInstant(out, stat.createdAt());
        writeInstant(out, stat.retention().retainUntil());
        out.writeByte(stat.retention().mode().ordinal());
        out.writeLong(stat.logicalSize());
        out.writeLong(stat.storedSize());
        out.writeInt(stat.chunkCount());
        out.writeInt(stat.newChunkCount());
        out.writeLong(stat.newStoredBytes());
    }

    private static RecoveryPointStat readHeader(DataInputStream in) throws IOException {
        String vault = in.readUTF();
        String id = in.readUTF();
        Instant created = readInstant(in);
        Instant retainUntil = readInstant(in);
        LockMode mode = LockMode.values()[in.readUnsignedByte()];
        return new RecoveryPointStat(vault, id, created, new Retention(retainUntil, mode), in.readLong(),
                in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        out.writeLong(instant == null ? 0 : instant.getEpochSecond());
        out.writeInt(instant == null ? 0 : instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        long seconds = in.readLong();
        int nanos = in.readInt();
        return present ? Instant.ofEpochSecond(seconds, nanos) : null;
    }
}
