package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.WriteDurability;
import io.strongroom.vaultstorage.chunk.ChunkId;
import io.strongroom.vaultstorage.chunk.ChunkSealer;
import io.strongroom.vaultstorage.chunk.Chunker;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes one recovery point. The calling thread cuts chunks and appends records to packs in order; the workers
 * hash, compress and encrypt a few chunks ahead of it (a chunk already in the vault is only hashed). A full pack
 * is finished (fsync, rename) on the I/O thread while the next one fills. The manifest is published only after
 * every pack and the packs directory are durable, as a record of the vault's {@link PointLog}.
 *
 * <p>New records are held back until they exceed the inline limit: a point whose new records stay within it (a
 * small table's daily backup) keeps them in its manifest and writes no pack, one fsynced file instead of two (D78).
 */
final class PointWriter {
    private final Vault vault;
    private final LocalVaultStorageOptions options;
    private final ChunkSealer sealer;
    private final ExecutorService workers;
    private final ExecutorService io;
    private final int ahead;

    PointWriter(Vault vault, LocalVaultStorageOptions options, ChunkSealer sealer, ExecutorService workers,
            ExecutorService io) {
        this.vault = vault;
        this.options = options;
        this.sealer = sealer;
        this.workers = workers;
        this.io = io;
        this.ahead = 2 * options.threads() + 2;
    }

    /** A chunk after the workers: its id, and its record unless the vault already held it. */
    private record Prepared(ChunkId id, int plainLength, byte[] record) {
    }

    RecoveryPointStat write(String recoveryPointId, Retention retention, InputStream content, Instant createdAt,
            WriteDurability durability) {
        Chunker chunker = new Chunker(content, vault.keys.gearSeed(), options.chunking());
        ArrayDeque<Future<Prepared>> inFlight = new ArrayDeque<>();
        List<Future<?>> finishing = new ArrayList<>();
        Map<ChunkId, Integer> writtenHere = new HashMap<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        // New records not yet in a pack, in order: the manifest keeps them if the point ends within the limit.
        Map<ChunkId, Prepared> held = new LinkedHashMap<>();
        long heldBytes = 0;
        PackWriter pack = null;
        long logicalSize = 0;
        long newBytes = 0;
        boolean endOfStream = false;
        boolean finished = false;
        try {
            while (true) {
                while (!endOfStream && inFlight.size() < ahead) {
                    byte[] chunk = chunker.next();
                    if (chunk == null) {
                        endOfStream = true;
                    } else {
                        logicalSize += chunk.length;
                        inFlight.add(workers.submit(() -> prepare(chunk)));
                    }
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                Prepared prepared = Futures.await(inFlight.poll());
                Integer stored = writtenHere.get(prepared.id);
                if (stored == null) {
                    ChunkLocation known = vault.index.get(prepared.id);
                    stored = known == null ? null : known.length();
                }
                if (stored == null) {
                    if (prepared.record == null) {
                        throw new IllegalStateException("chunk left the index during a write");
                    }
                    stored = prepared.record.length;
                    if (heldBytes >= 0 && heldBytes + stored <= options.inlineLimit()) {
                        held.put(prepared.id, prepared);
                        heldBytes += stored;
                    } else {
                        if (pack == null) {
                            pack = new PackWriter(vault.layout, Names.random());
                            for (Prepared earlier : held.values()) {
                                pack.append(earlier.id, earlier.record, earlier.plainLength);
                            }
                            held.clear();
                            heldBytes = -1; // a point that needed a pack packs the rest too
                        }
                        pack.append(prepared.id, prepared.record, prepared.plainLength);
                    }
                    writtenHere.put(prepared.id, stored);
                    newBytes += stored;
                    if (pack != null && pack.size() >= options.packTargetSize()) {
                        finishing.add(finishOnIoThread(pack));
                        pack = null;
                    }
                }
                entries.add(new Manifest.Entry(prepared.id, prepared.plainLength, stored));
            }
            if (pack != null) {
                // The last pack is finished here: nothing is left to overlap it with, and the one I/O thread would
                // queue the fsyncs of concurrent writers (a day's hundreds of small points) one behind the other.
                PackWriter last = pack;
                pack = null;
                finish(last);
                finished = true;
            }
            for (Future<?> f : finishing) {
                Futures.await(f);
            }
            if (finished || !finishing.isEmpty()) {
                Durable.syncDirectory(vault.layout.packs());
            }
            if (!held.isEmpty()) {
                entries = withInlineRecords(entries, held);
            }
            RecoveryPointStat stat = new RecoveryPointStat(vault.id, recoveryPointId, createdAt, retention,
                    logicalSize, storedSize(entries), entries.size(), writtenHere.size(), newBytes);
            byte[] manifest = ManifestCodec.encode(new Manifest(stat, entries), vault.keys.manifestKey());
            ChunkReferences references = vault.references;
            if (references != null) {
                // Counted before it is published: should publishing fail half-way, the count is only too high.
                references.add(ChunkReferences.of(new Manifest(stat, entries)));
            }
            if (durability == WriteDurability.ON_RETURN) {
                vault.points.put(recoveryPointId, manifest);
            } else {
                vault.points.putUnsynced(recoveryPointId, manifest);
            }
            return stat;
        } catch (RuntimeException | Error e) {
            inFlight.forEach(f -> f.cancel(true));
            if (pack != null) {
                pack.abandon();
            }
            for (Future<?> f : finishing) {
                try {
                    Futures.await(f);
                } catch (RuntimeException ignored) {
                    // the write fails anyway; what was published is garbage for the next collection
                }
            }
            throw e;
        }
    }

    private Prepared prepare(byte[] chunk) {
        ChunkId id = vault.keys.chunkId(chunk);
        if (vault.index.get(id) != null) {
            return new Prepared(id, chunk.length, null);
        }
        return new Prepared(id, chunk.length, sealer.seal(vault.keys.chunkKey(), id, chunk));
    }

    private Future<?> finishOnIoThread(PackWriter pack) {
        return io.submit(() -> finish(pack));
    }

    private void finish(PackWriter pack) {
        pack.finish();
        vault.index.addPack(pack.name(), pack.entries());
    }

    /** The entries with each held record on the first entry of its chunk. */
    private static List<Manifest.Entry> withInlineRecords(List<Manifest.Entry> entries, Map<ChunkId, Prepared> held) {
        Map<ChunkId, Prepared> toPlace = new HashMap<>(held);
        List<Manifest.Entry> placed = new ArrayList<>(entries.size());
        for (Manifest.Entry entry : entries) {
            Prepared record = toPlace.remove(entry.id());
            placed.add(record == null ? entry
                    : new Manifest.Entry(entry.id(), entry.plainLength(), entry.storedLength(), record.record));
        }
        return placed;
    }

    private static long storedSize(List<Manifest.Entry> entries) {
        Map<ChunkId, Integer> distinct = new HashMap<>();
        for (Manifest.Entry entry : entries) {
            distinct.put(entry.id(), entry.storedLength());
        }
        return distinct.values().stream().mapToLong(Integer::longValue).sum();
    }
}
