package io.strongroom.server.pipeline;

import io.strongroom.engine.identity.Credential;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers resolved access keys for a moment, so that a burst of calls with one key reads the store
 * once. A key's changes (deactivation, deletion) reach a cached entry within {@link #TTL_NANOS}, as
 * IAM's own changes propagate eventually; {@link #forget} makes a local change take effect at once.
 */
final class CredentialCache {
    static final long TTL_NANOS = 2_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Credential> credential, long loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Keys changed within the last TTL: not cached, so a load racing the change's commit cannot pin old state. */
    private final Map<String, Long> changed = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    CredentialCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Optional<Credential> get(String accessKeyId, Function<String, Optional<Credential>> load) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(accessKeyId);
        if (entry != null && now - entry.loadedAt() < TTL_NANOS) {
            return entry.credential();
        }
        Optional<Credential> loaded = load.apply(accessKeyId);
        Long changedAt = changed.get(accessKeyId);
        if (changedAt != null && now - changedAt >= TTL_NANOS) {
            changed.remove(accessKeyId, changedAt);
            changedAt = null;
        }
        if (loaded.isPresent() && changedAt == null) {
            // Unknown keys are not remembered: a key created a moment later must work at once.
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(accessKeyId, new Entry(loaded, now));
        }
        return loaded;
    }

    /** Drops a key's entry and caches it not at all for one TTL, covering the change's own commit. */
    void forget(String accessKeyId) {
        if (changed.size() >= MAX_ENTRIES) {
            changed.clear();
        }
        changed.put(accessKeyId, nanoTime.getAsLong());
        entries.remove(accessKeyId);
    }
}
