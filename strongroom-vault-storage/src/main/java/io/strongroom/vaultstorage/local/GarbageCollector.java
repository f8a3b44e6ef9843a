package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.GarbageCollectionReport;
import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.RecoveryPointNotFoundException;
import io.strongroom.vaultstorage.chunk.ChunkId;
import io.strongroom.vaultstorage.chunk.ChunkSealer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mark and sweep over one vault, run while the vault's lock is held exclusively (no write, retention change or
 * delete runs meanwhile; the process lock keeps other processes out).
 *
 * <ol>
 *   <li>Remove the scratch files of interrupted writes.</li>
 *   <li>Mark: the ids of every chunk of every published manifest. A manifest that cannot be read stops the
 *       collection of this vault before anything is deleted.</li>
 *   <li>Sweep: delete packs with no live chunk; rewrite packs whose dead share exceeds the threshold — the new
 *       pack is fsynced and renamed, and the packs directory fsynced, before the old one is deleted. A pack whose
 *       trailer does not verify is never deleted, only reported.</li>
 * </ol>
 * A crash at any step leaves every live chunk in at least one published pack; a chunk found in two packs (a crash
 * between writing a new pack and deleting the old) is harmless and collected next time. Afterwards the index is
 * replaced by the entries of the packs that remain.
 */
final class GarbageCollector {
    private final Vault vault;
    private final ChunkSealer sealer;
    private final double repackThreshold;
    private final long packTargetSize;
    private int packsDeleted;
    private int packsRepacked;
    private long bytesFreed;
    private int leftoversRemoved;
    private final List<String> problems = new ArrayList<>();

    GarbageCollector(Vault vault, ChunkSealer sealer, double repackThreshold, long packTargetSize) {
        this.vault = vault;
        this.sealer = sealer;
        this.repackThreshold = repackThreshold;
        this.packTargetSize = packTargetSize;
    }

    GarbageCollectionReport collect() {
        removeScratchFiles();
        Set<ChunkId> live;
        try {
            live = mark();
        } catch (IntegrityException e) {
            problems.add("vault " + vault.id + ": collection skipped, " + e.getMessage());
            return report();
        }
        sweep(live);
        try {
            bytesFreed += vault.points.compact();
        } catch (IOException e) {
            problems.add("vault " + vault.id + ": points log not compacted, " + e.getMessage());
        }
        return report();
    }

    private void removeScratchFiles() {
        for (Path file : vault.layout.scratchFiles()) {
            if (Durable.deleteIfExists(file)) {
                leftoversRemoved++;
            }
        }
    }

    /** Every chunk a published point uses: from the vault's counts, or counted here from every manifest. */
    private Set<ChunkId> mark() {
        ChunkReferences known = vault.references;
        if (known != null) {
            return known.live();
        }
        ChunkReferences counted = new ChunkReferences();
        for (String id : vault.points.ids()) {
            byte[] file;
            try {
                file = LocalVaultStorage.manifestBytes(vault, id);
            } catch (RecoveryPointNotFoundException deleted) {
                continue;
            }
            counted.add(ChunkReferences.of(ManifestCodec.decode(file, vault.keys.manifestKey(),
                    "recovery point " + id)));
        }
        vault.references = counted;
        return counted.live();
    }

    private void sweep(Set<ChunkId> live) {
        Set<ChunkId> kept = new HashSet<>();
        Map<String, List<PackEntry>> surviving = new HashMap<>();
        List<PackWriter> repacks = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        boolean deletedAny = false;
        for (Path pack : vault.layout.packFiles()) {
            String name = packName(pack);
            List<PackEntry> entries;
            long size;
            try {
                entries = PackFormat.readEntries(pack);
                size = Files.size(pack);
            } catch (IOException e) {
                problems.add("vault " + vault.id + ": pack " + name + " left alone, " + e.getMessage());
                continue;
            }
            List<PackEntry> liveEntries = new ArrayList<>();
            // Only dead records count: a small pack's fixed framing is no waste a rewrite could win back, and
            // counting it would rewrite the same small pack at every collection.
            long deadBytes = 0;
            for (PackEntry entry : entries) {
                if (live.contains(entry.id()) && kept.add(entry.id())) {
                    liveEntries.add(entry);
                } else {
                    deadBytes += entry.length();
                }
            }
            if (liveEntries.isEmpty()) {
                Durable.deleteIfExists(pack);
                deletedAny = true;
                packsDeleted++;
                bytesFreed += size;
            } else if (deadBytes > repackThreshold * size && copyLive(pack, liveEntries, repacks)) {
                replaced.add(pack);
                bytesFreed += size;
            } else {
                surviving.put(name, entries);
            }
        }
        if (!repacks.isEmpty()) {
            PackWriter last = repacks.get(repacks.size() - 1);
            if (last.entries().isEmpty()) {
                last.abandon();
                repacks.remove(last);
            } else {
                last.finish();
            }
            // Every copy is durable before any original goes.
            Durable.syncDirectory(vault.layout.packs());
            for (PackWriter repack : repacks) {
                surviving.put(repack.name(), repack.entries());
                bytesFreed -= repack.size();
            }
        }
        // Readers take no lock: they must find the copies before the originals go.
        vault.index.replaceWith(surviving);
        for (Path pack : replaced) {
            Durable.deleteIfExists(pack);
            packsRepacked++;
        }
        if (deletedAny || packsRepacked > 0) {
            Durable.syncDirectory(vault.layout.packs());
        }
    }

    /** Copies the live records into the new pack, verifying each; false (pack kept as it is) on damage. */
    private boolean copyLive(Path pack, List<PackEntry> liveEntries, List<PackWriter> repacks) {
        List<byte[]> records = new ArrayList<>(liveEntries.size());
        try (FileChannel channel = FileChannel.open(pack, StandardOpenOption.READ)) {
            for (PackEntry entry : liveEntries) {
                byte[] record = PackFormat.readFully(channel, entry.offset(), entry.length()).array();
                sealer.open(vault.keys.chunkKey(), entry.id(), record, entry.plainLength());
                records.add(record);
            }
        } catch (IOException | ChunkSealer.DamagedChunkException e) {
            problems.add("vault " + vault.id + ": pack " + packName(pack) + " not repacked, " + e.getMessage());
            return false;
        }
        for (int i = 0; i < records.size(); i++) {
            PackWriter repack = repacks.isEmpty() ? null : repacks.get(repacks.size() - 1);
            if (repack == null || repack.size() >= packTargetSize) {
                if (repack != null) {
                    repack.finish();
                }
                repack = new PackWriter(vault.layout, Names.random());
                repacks.add(repack);
            }
            repack.append(liveEntries.get(i).id(), records.get(i), liveEntries.get(i).plainLength());
        }
        return true;
    }

    private GarbageCollectionReport report() {
        return new GarbageCollectionReport(packsDeleted, packsRepacked, bytesFreed, leftoversRemoved,
                List.copyOf(problems), 1);
    }

    static String packName(Path pack) {
        String file = pack.getFileName().toString();
        return file.substring(0, file.length() - VaultLayout.PACK_SUFFIX.length());
    }
}
