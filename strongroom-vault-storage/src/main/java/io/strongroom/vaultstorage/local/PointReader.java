package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.chunk.ChunkId;
import io.strongroom.vaultstorage.chunk.ChunkSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A recovery point's bytes: the workers read, authenticate and decompress a few chunks ahead of the consumer.
 * Each chunk is verified (GCM tag over record, id and flag; exact plain length) before a byte of it is returned;
 * a damaged or missing chunk fails the stream with {@link IntegrityException}.
 */
final class PointReader extends InputStream {
    private final Vault vault;
    private final String recoveryPointId;
    private final List<Manifest.Entry> entries;
    private final Map<ChunkId, byte[]> inline;
    private final ChunkSealer sealer;
    private final ExecutorService workers;
    private final int ahead;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final Map<String, FileChannel> channels = new HashMap<>();
    private int nextToSubmit;
    private byte[] current = new byte[0];
    private int position;
    private boolean closed;

    PointReader(Vault vault, Manifest manifest, ChunkSealer sealer, ExecutorService workers, int ahead) {
        this.vault = vault;
        this.recoveryPointId = manifest.stat().recoveryPointId();
        this.entries = manifest.entries();
        this.inline = manifest.inlineRecords();
        this.sealer = sealer;
        this.workers = workers;
        this.ahead = ahead;
        topUp();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (inFlight.isEmpty()) {
                return -1;
            }
            current = Futures.await(inFlight.poll());
            position = 0;
            topUp();
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inFlight.forEach(f -> f.cancel(false));
        for (Future<byte[]> f : inFlight) {
            try {
                Futures.await(f);
            } catch (RuntimeException ignored) {
                // cancelled or failed: the reader is going away
            }
        }
        inFlight.clear();
        synchronized (channels) {
            for (FileChannel channel : channels.values()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // read-only channel
                }
            }
            channels.clear();
        }
    }

    private void topUp() {
        while (inFlight.size() < ahead && nextToSubmit < entries.size()) {
            Manifest.Entry entry = entries.get(nextToSubmit++);
            inFlight.add(workers.submit(() -> decode(entry)));
        }
    }

    private byte[] decode(Manifest.Entry entry) {
        byte[] held = inline.get(entry.id());
        if (held != null) {
            return open(entry, held, "the manifest", entry.plainLength());
        }
        for (int attempt = 0; ; attempt++) {
            ChunkLocation location = vault.index.get(entry.id());
            if (location == null) {
                throw new IntegrityException("vault " + vault.id + ", recovery point " + recoveryPointId + ": chunk "
                        + entry.id() + " is missing");
            }
            byte[] record;
            try {
                record = PackFormat.readFully(channel(location.pack()), location.offset(), location.length()).array();
            } catch (NoSuchFileException e) {
                if (attempt == 0) {
                    continue; // repacked by a collection meanwhile: the index now names the new pack
                }
                throw new IntegrityException("vault " + vault.id + ": pack " + location.pack() + " is missing", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return open(entry, record, "pack " + location.pack() + " at offset " + location.offset(),
                    location.plainLength());
        }
    }

    private byte[] open(Manifest.Entry entry, byte[] record, String where, int plainLength) {
        try {
            byte[] plain = sealer.open(vault.keys.chunkKey(), entry.id(), record, plainLength);
            if (plain.length != entry.plainLength()) {
                throw new ChunkSealer.DamagedChunkException("length differs from the manifest");
            }
            return plain;
        } catch (ChunkSealer.DamagedChunkException e) {
            throw new IntegrityException("vault " + vault.id + ", recovery point " + recoveryPointId + ": chunk "
                    + entry.id() + " in " + where + " is damaged: " + e.getMessage(), e);
        }
    }

    private FileChannel channel(String pack) throws IOException {
        synchronized (channels) {
            if (closed) {
                throw new IOException("stream closed");
            }
            FileChannel channel = channels.get(pack);
            if (channel == null) {
                channel = FileChannel.open(vault.layout.pack(pack), StandardOpenOption.READ);
                channels.put(pack, channel);
            }
            return channel;
        }
    }
}
