package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.GarbageCollectionReport;
import io.strongroom.vaultstorage.IntegrityException;
import io.strongroom.vaultstorage.RecoveryPointAlreadyExistsException;
import io.strongroom.vaultstorage.RecoveryPointNotFoundException;
import io.strongroom.vaultstorage.RecoveryPointStat;
import io.strongroom.vaultstorage.Retention;
import io.strongroom.vaultstorage.RetentionLockedException;
import io.strongroom.vaultstorage.VaultAlreadyExistsException;
import io.strongroom.vaultstorage.VaultNotEmptyException;
import io.strongroom.vaultstorage.VaultNotFoundException;
import io.strongroom.vaultstorage.VaultStorage;
import io.strongroom.vaultstorage.VaultStorageException;
import io.strongroom.vaultstorage.WriteDurability;
import io.strongroom.vaultstorage.chunk.ChunkId;
import io.strongroom.vaultstorage.chunk.ChunkSealer;
import io.strongroom.vaultstorage.chunk.VaultKeys;
import io.strongroom.vaultstorage.kms.DataKey;
import io.strongroom.vaultstorage.kms.KeyManagement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Vault storage on a local directory ({@code <root>/vaults/<vault>/…}, see {@link VaultLayout}). One process at a
 * time: an exclusive file lock on {@code <root>/lock} is held while open. Time comes only from the injected clock.
 */
public final class LocalVaultStorage implements VaultStorage {
    /** A points log segment is closed past this size (D78). */
    private static final long POINT_LOG_SEGMENT = 16L << 20;
    private final Path root;
    private final KeyManagement kms;
    private final Clock clock;
    private final LocalVaultStorageOptions options;
    private final ChunkSealer sealer;
    private final ExecutorService workers;
    private final ExecutorService io;
    private final FileChannel lockChannel;
    private final FileLock processLock;
    private final Map<String, Vault> open = new ConcurrentHashMap<>();

    private LocalVaultStorage(Path root, KeyManagement kms, Clock clock, LocalVaultStorageOptions options)
            throws IOException {
        this.root = root;
        this.kms = kms;
        this.clock = clock;
        this.options = options;
        this.sealer = new ChunkSealer(options.zstdLevel());
        Files.createDirectories(root.resolve("vaults"));
        this.lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new VaultStorageException("vault storage at " + root + " is in use by another process");
        }
        this.processLock = lock;
        this.workers = Executors.newFixedThreadPool(options.threads(), daemonThreads("vault-storage-worker"));
        this.io = Executors.newSingleThreadExecutor(daemonThreads("vault-storage-io"));
    }

    public static LocalVaultStorage open(Path root, KeyManagement kms, Clock clock, LocalVaultStorageOptions options) {
        try {
            return new LocalVaultStorage(root, kms, clock, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalVaultStorage open(Path root, KeyManagement kms, Clock clock) {
        return open(root, kms, clock, LocalVaultStorageOptions.DEFAULT);
    }

    @Override
    public synchronized void createVault(String vault, String kmsKeyId, Map<String, String> encryptionContext) {
        Names.checkId("vault", vault);
        VaultLayout layout = layout(vault);
        if (Files.exists(layout.keyFile())) {
            throw new VaultAlreadyExistsException("vault " + vault + " already exists");
        }
        DataKey dataKey = kms.generateDataKey(kmsKeyId, encryptionContext);
        layout.create();
        byte[] keyFile = new VaultKeyFile(kmsKeyId, Map.copyOf(encryptionContext), dataKey.wrapped()).encode();
        // The key file is what makes the directory a vault: written last, atomically.
        Durable.publish(VaultLayout.scratchFor(layout.keyFile()), layout.keyFile(), keyFile);
        Durable.syncDirectory(layout.directory().getParent());
        Arrays.fill(dataKey.plaintext(), (byte) 0);
    }

    @Override
    public synchronized void deleteVault(String vault) {
        Vault v = vault(vault);
        long stamp = v.lock.writeLock();
        try {
            if (!v.points.isEmpty() || !v.writing.isEmpty()) {
                throw new VaultNotEmptyException("vault " + vault + " still holds recovery points");
            }
            // The key file goes first: from then on the directory is no vault, whatever a crash leaves of it.
            Durable.deleteIfExists(v.layout.keyFile());
            Durable.syncDirectory(v.layout.directory());
            open.remove(vault);
            v.points.close();
            deleteTree(v.layout.directory());
            Durable.forgetUnder(v.layout.directory());
            Durable.syncDirectory(v.layout.directory().getParent());
        } finally {
            v.lock.unlockWrite(stamp);
        }
    }

    @Override
    public List<String> listVaults() {
        try (Stream<Path> dirs = Files.list(root.resolve("vaults"))) {
            return dirs.filter(d -> Files.exists(d.resolve("vault.key")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RecoveryPointStat write(String vault, String recoveryPointId, Retention retention, InputStream content,
            WriteDurability durability) {
        Names.checkId("recovery point", recoveryPointId);
        Vault v = vault(vault);
        long stamp = v.lock.readLock();
        try {
            if (!v.writing.add(recoveryPointId)) {
                throw alreadyExists(vault, recoveryPointId);
            }
            try {
                if (v.points.contains(recoveryPointId)) {
                    throw alreadyExists(vault, recoveryPointId);
                }
                return new PointWriter(v, options, sealer, workers, io)
                        .write(recoveryPointId, retention, content, Instant.now(clock), durability);
            } catch (RuntimeException | Error e) {
                v.mayHoldGarbage = true;
                throw e;
            } finally {
                v.writing.remove(recoveryPointId);
            }
        } finally {
            v.lock.unlockRead(stamp);
        }
    }

    @Override
    public void syncWrites() {
        open.values().forEach(v -> v.points.syncAppended());
    }

    @Override
    public InputStream read(String vault, String recoveryPointId) {
        return new PointReader(vault(vault), manifest(vault, recoveryPointId), sealer, workers,
                2 * options.threads() + 2);
    }

    @Override
    public RecoveryPointStat stat(String vault, String recoveryPointId) {
        Vault v = vault(vault);
        return ManifestCodec.decodeStat(manifestBytes(v, recoveryPointId), where(v, recoveryPointId));
    }

    @Override
    public List<RecoveryPointStat> list(String vault) {
        Vault v = vault(vault);
        List<RecoveryPointStat> stats = new ArrayList<>();
        for (String id : v.points.ids()) {
            try {
                stats.add(stat(vault, id));
            } catch (RecoveryPointNotFoundException deletedMeanwhile) {
                // gone between listing and reading
            }
        }
        return stats;
    }

    @Override
    public void updateRetention(String vault, String recoveryPointId, Retention retention) {
        Vault v = vault(vault);
        long stamp = v.lock.readLock();
        try {
            synchronized (v.manifests) {
                Manifest manifest = ManifestCodec.decode(manifestBytes(v, recoveryPointId), v.keys.manifestKey(),
                        where(v, recoveryPointId));
                String refusal = manifest.stat().retention().refusalToChangeTo(retention);
                if (refusal != null) {
                    throw new RetentionLockedException(where(v, recoveryPointId) + ": " + refusal);
                }
                RecoveryPointStat s = manifest.stat();
                RecoveryPointStat changed = new RecoveryPointStat(s.vault(), s.recoveryPointId(), s.createdAt(),
                        retention, s.logicalSize(), s.storedSize(), s.chunkCount(), s.newChunkCount(),
                        s.newStoredBytes());
                v.points.put(recoveryPointId,
                        ManifestCodec.encode(new Manifest(changed, manifest.entries()), v.keys.manifestKey()));
            }
        } finally {
            v.lock.unlockRead(stamp);
        }
    }

    @Override
    public void delete(String vault, String recoveryPointId, WriteDurability durability) {
        Vault v = vault(vault);
        long stamp = v.lock.readLock();
        try {
            PointLog.Removal removal;
            synchronized (v.manifests) {
                RecoveryPointStat s = stat(vault, recoveryPointId);
                Instant now = Instant.now(clock);
                if (s.retention().forbidsDeleteAt(now)) {
                    throw new RetentionLockedException(where(v, recoveryPointId) + " is under a "
                            + s.retention().mode() + " retention lock until "
                            + (s.retention().retainUntil() == null ? "forever" : s.retention().retainUntil())
                            + " and cannot be deleted before then");
                }
                removal = unlinkManifest(v, recoveryPointId);
            }
            if (removal != null && durability == WriteDurability.ON_RETURN) {
                v.points.finish(removal); // outside v.manifests: concurrent deletes share one fsync
            } else if (removal != null) {
                v.points.finishUnsynced(removal);
            }
        } finally {
            v.lock.unlockRead(stamp);
        }
    }

    @Override
    public List<RecoveryPointStat> expire() {
        Instant now = Instant.now(clock);
        List<RecoveryPointStat> expired = new ArrayList<>();
        for (String vault : listVaults()) {
            Vault v = vault(vault);
            long stamp = v.lock.readLock();
            try {
                List<PointLog.Removal> removals = new ArrayList<>();
                synchronized (v.manifests) {
                    for (String id : v.points.ids()) {
                        RecoveryPointStat s = ManifestCodec.decodeStat(manifestBytes(v, id), where(v, id));
                        if (s.retention().expiredAt(now)) {
                            removals.add(unlinkManifest(v, id));
                            expired.add(s);
                        }
                    }
                }
                finish(v, removals);
            } finally {
                v.lock.unlockRead(stamp);
            }
        }
        return expired;
    }

    @Override
    public GarbageCollectionReport collectGarbage() {
        int deleted = 0;
        int repacked = 0;
        long freed = 0;
        int leftovers = 0;
        int collected = 0;
        List<String> problems = new ArrayList<>();
        for (String vault : listVaults()) {
            Vault v = vault(vault);
            long stamp = v.lock.writeLock();
            try {
                // Deletions left for the next sync are made durable before their chunks can go.
                v.points.syncAppended();
                if (!v.mayHoldGarbage) {
                    continue;
                }
                GarbageCollectionReport r = new GarbageCollector(v, sealer, options.repackThreshold(),
                        options.packTargetSize()).collect();
                // A problem (an unreadable manifest or pack) leaves the vault to be looked at again next time.
                v.mayHoldGarbage = !r.problems().isEmpty();
                collected += r.vaultsCollected();
                deleted += r.packsDeleted();
                repacked += r.packsRepacked();
                freed += r.bytesFreed();
                leftovers += r.leftoversRemoved();
                problems.addAll(r.problems());
            } finally {
                v.lock.unlockWrite(stamp);
            }
        }
        return new GarbageCollectionReport(deleted, repacked, freed, leftovers, List.copyOf(problems), collected);
    }

    @Override
    public void close() {
        try {
            syncWrites(); // a clean stop leaves nothing for a sync that will not come
        } finally {
            closeAll();
        }
    }

    private void closeAll() {
        open.values().forEach(v -> v.points.close());
        workers.shutdownNow();
        io.shutdownNow();
        try {
            processLock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chunks indexed in a vault (for tests and tools). */
    public int indexedChunks(String vault) {
        return vault(vault).index.size();
    }

    /** Where a point's manifest is stored (for tests that damage it). */
    PointLog.Place manifestPlace(String vault, String recoveryPointId) {
        return vault(vault).points.place(recoveryPointId);
    }

    /** A point's decoded manifest (for consistency checks in tests). */
    Manifest manifest(String vault, String recoveryPointId) {
        Vault v = vault(vault);
        return ManifestCodec.decode(manifestBytes(v, recoveryPointId), v.keys.manifestKey(), where(v, recoveryPointId));
    }

    private Vault vault(String vault) {
        Names.checkId("vault", vault);
        Vault v = open.get(vault);
        if (v != null) {
            return v;
        }
        synchronized (this) {
            return open.computeIfAbsent(vault, this::openVault);
        }
    }

    private Vault openVault(String vault) {
        VaultLayout layout = layout(vault);
        byte[] keyBytes;
        try {
            keyBytes = Files.readAllBytes(layout.keyFile());
        } catch (NoSuchFileException e) {
            throw new VaultNotFoundException("vault " + vault + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VaultKeyFile keyFile = VaultKeyFile.decode(keyBytes, "vault " + vault);
        byte[] dataKey = kms.decryptDataKey(keyFile.wrappedDataKey(), keyFile.encryptionContext());
        VaultKeys keys = new VaultKeys(dataKey);
        Arrays.fill(dataKey, (byte) 0);
        layout.create();
        // Nothing writes into this vault before it is opened, and no other process holds the storage.
        layout.scratchFiles().forEach(Durable::deleteIfExists);
        ChunkIndex index = new ChunkIndex();
        for (Path pack : layout.packFiles()) {
            try {
                index.addPack(GarbageCollector.packName(pack), PackFormat.readEntries(pack));
            } catch (IOException e) {
                // A damaged pack contributes nothing; reads of its chunks report them missing, collections keep it.
            }
        }
        return new Vault(vault, layout, keys, index, PointLog.open(layout.points(), POINT_LOG_SEGMENT));
    }

    private VaultLayout layout(String vault) {
        return new VaultLayout(root.resolve("vaults").resolve(vault));
    }

    static byte[] manifestBytes(Vault v, String recoveryPointId) {
        Names.checkId("recovery point", recoveryPointId);
        byte[] manifest;
        try {
            manifest = v.points.read(recoveryPointId);
        } catch (NoSuchFileException e) {
            manifest = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (manifest == null) {
            throw new RecoveryPointNotFoundException(where(v, recoveryPointId) + " does not exist");
        }
        return manifest;
    }

    /**
     * Takes a point out of its vault's log and its chunks out of the vault's counts, under {@code v.manifests}; the
     * removal is durable only once {@link #finish} has run for it (null: there was nothing to remove).
     */
    private static PointLog.Removal unlinkManifest(Vault v, String recoveryPointId) {
        v.mayHoldGarbage = true;
        ChunkReferences references = v.references;
        List<ChunkId> chunks = null;
        if (references != null) {
            try {
                chunks = ChunkReferences.of(ManifestCodec.decode(manifestBytes(v, recoveryPointId),
                        v.keys.manifestKey(), where(v, recoveryPointId)));
            } catch (RecoveryPointNotFoundException gone) {
                return null;
            } catch (RuntimeException unreadable) {
                v.references = null; // the next collection counts every manifest again
            }
        }
        PointLog.Removal removal = v.points.removeLater(recoveryPointId);
        if (removal != null && chunks != null && !references.remove(chunks)) {
            v.references = null;
        }
        return removal;
    }

    /**
     * Makes removals durable after {@code v.manifests} was released (the vault's read lock still held, so no
     * collection rewrites the log meanwhile): deletes from several threads then share one fsync of the log.
     */
    private static void finish(Vault v, List<PointLog.Removal> removals) {
        for (PointLog.Removal removal : removals) {
            if (removal != null) {
                v.points.finish(removal);
            }
        }
    }

    private static String where(Vault v, String recoveryPointId) {
        return "recovery point " + recoveryPointId + " in vault " + v.id;
    }

    private static RecoveryPointAlreadyExistsException alreadyExists(String vault, String recoveryPointId) {
        return new RecoveryPointAlreadyExistsException("recovery point " + recoveryPointId + " already exists in vault "
                + vault);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
