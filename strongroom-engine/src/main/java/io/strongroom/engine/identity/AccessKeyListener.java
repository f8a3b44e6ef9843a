package io.strongroom.engine.identity;

/**
 * Told when a stored access key changes (deactivated, reactivated, deleted, or re-bound to a renamed
 * user), so whoever caches resolved keys can drop the entry at once.
 */
@FunctionalInterface
public interface AccessKeyListener {
    void changed(String accessKeyId);
}
