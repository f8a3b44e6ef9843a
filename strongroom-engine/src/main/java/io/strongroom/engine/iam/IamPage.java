package io.strongroom.engine.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of an IAM listing: IAM pages with {@code Marker}/{@code MaxItems} and says
 * {@code IsTruncated}; the marker is opaque and names the last item returned.
 */
public record IamPage<T>(List<T> items, boolean truncated, String marker) {
    static final int DEFAULT_MAX_ITEMS = 100;

    public IamPage {
        items = List.copyOf(items);
    }

    /** The page of {@code sorted} (ordered by {@code key}) after {@code marker}, at most {@code maxItems}. */
    static <T> IamPage<T> of(List<T> sorted, Function<T, String> key, String marker, Integer maxItems) {
        int size = IamInput.range("maxItems", maxItems, 1, 1000, DEFAULT_MAX_ITEMS);
        String after = decode(marker);
        List<T> rest = after == null ? sorted
                : sorted.stream().filter(item -> key.apply(item).compareTo(after) > 0).toList();
        if (rest.size() <= size) {
            return new IamPage<>(rest, false, null);
        }
        List<T> items = rest.subList(0, size);
        return new IamPage<>(items, true, encode(key.apply(items.get(size - 1))));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        if (marker == null) {
            return null;
        }
        if (marker.isEmpty() || marker.length() > 320) {
            throw IamErrors.invalidMarker();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw IamErrors.invalidMarker();
        }
    }
}
