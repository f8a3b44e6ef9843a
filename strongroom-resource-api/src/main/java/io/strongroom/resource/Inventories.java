package io.strongroom.resource;

import io.strongroom.storage.Codec;
import io.strongroom.storage.Generations;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.util.function.Function;

/**
 * The generation of an account's resources in a Region: every provider keeps the records its
 * {@link ResourceProvider#inventory} reads in a collection made here, so creating, tagging, untagging or deleting a
 * resource of any type moves the counter of its account and Region in the same transaction (D71). Readers (the
 * coverage of plans and selections, the dashboard) keep what they derived from the inventory while it stands still.
 */
public final class Inventories {
    private Inventories() {
    }

    /** The counter's name for one account and Region. */
    public static String generation(String accountId, String region) {
        return "inventory/" + accountId + "/" + region;
    }

    /** The counter's value now, as {@code tx} sees it. */
    public static long current(Tx tx, String accountId, String region) {
        return Generations.current(tx, generation(accountId, region));
    }

    /** A provider's collection of resource records, each naming its account and Region. */
    public static <V> WatchedCollection<V> collection(String name, Codec<V> codec, Function<V, String> accountId,
                                                      Function<V, String> region) {
        return new WatchedCollection<>(name, codec, v -> generation(accountId.apply(v), region.apply(v)));
    }
}
