package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A pack file: an 8-byte header ("SRPK", version, 3 zero bytes), chunk records back to back, then the trailer:
 * the entries (id, offset, length, plain length), their CRC32C, the trailer's length and "SRPT". The trailer
 * makes each pack self-describing, so the vault's chunk index is rebuilt from the packs alone.
 */
final class PackFormat {
    static final byte[] HEADER = {'S', 'R', 'P', 'K', 1, 0, 0, 0};
    private static final int END_MAGIC = 0x53525054; // "SRPT"
    private static final int FOOTER = 4 + 4 + 4;

    private PackFormat() {
    }

    static ByteBuffer trailer(List<PackEntry> entries) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + entries.size() * PackEntry.ENCODED_LENGTH + FOOTER);
        buffer.putInt(entries.size());
        byte[] id = new byte[ChunkId.LENGTH];
        for (PackEntry entry : entries) {
            entry.id().copyTo(id, 0);
            buffer.put(id).putLong(entry.offset()).putInt(entry.length()).putInt(entry.plainLength());
        }
        int bodyLength = buffer.position();
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, bodyLength);
        buffer.putInt((int) crc.getValue()).putInt(bodyLength).putInt(END_MAGIC);
        return buffer.flip();
    }

    /** The entries of a pack, or a {@link DamagedPackException} when its header or trailer does not verify. */
    static List<PackEntry> readEntries(Path pack) throws IOException {
        try (FileChannel channel = FileChannel.open(pack, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER.length + 4 + FOOTER) {
                throw new DamagedPackException(pack, "too short (" + size + " bytes)");
            }
            ByteBuffer header = readFully(channel, 0, HEADER.length);
            if (!java.util.Arrays.equals(header.array(), HEADER)) {
                throw new DamagedPackException(pack, "header damaged");
            }
            ByteBuffer footer = readFully(channel, size - FOOTER, FOOTER);
            int crc = footer.getInt();
            int bodyLength = footer.getInt();
            if (footer.getInt() != END_MAGIC || bodyLength < 4 || bodyLength > size - HEADER.length - FOOTER) {
                throw new DamagedPackException(pack, "trailer damaged");
            }
            long bodyStart = size - FOOTER - bodyLength;
            ByteBuffer body = readFully(channel, bodyStart, bodyLength);
            CRC32C check = new CRC32C();
            check.update(body.array(), 0, bodyLength);
            if ((int) check.getValue() != crc) {
                throw new DamagedPackException(pack, "trailer checksum mismatch");
            }
            int count = body.getInt();
            if (count < 0 || (long) count * PackEntry.ENCODED_LENGTH != bodyLength - 4L) {
                throw new DamagedPackException(pack, "trailer entry count damaged");
            }
            List<PackEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[ChunkId.LENGTH];
                body.get(id);
                long offset = body.getLong();
                int length = body.getInt();
                int plainLength = body.getInt();
                if (offset < HEADER.length || length < 0 || offset + length > bodyStart) {
                    throw new DamagedPackException(pack, "trailer entry out of range");
                }
                entries.add(new PackEntry(ChunkId.of(id), offset, length, plainLength));
            }
            return entries;
        }
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new java.io.EOFException("pack ends early");
            }
        }
        return buffer.flip();
    }

    /** A pack whose header or trailer does not verify: never deleted, reported. */
    static final class DamagedPackException extends IOException {
        DamagedPackException(Path pack, String why) {
            super(pack.getFileName() + ": " + why);
        }
    }
}
