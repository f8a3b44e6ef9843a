package io.strongroom.engine.backup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** One page of a list and the token of the next (null at the end); tokens name the last key returned. */
public record Page<T>(List<T> items, String nextToken) {

    /** {@code all} sorted by {@code key}; MaxResults 1–1000 (default 1000), as AWS Backup's lists take it. */
    public static <T> Page<T> of(List<T> all, Function<T, String> key, Integer maxResults, String token) {
        int size = maxResults == null ? 1000 : maxResults;
        if (size < 1 || size > 1000) {
            throw BackupErrors.invalidParameter("MaxResults must be between 1 and 1000.");
        }
        String after = null;
        if (token != null && !token.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw BackupErrors.invalidParameter("Invalid NextToken.");
            }
        }
        String from = after;
        List<T> rest = all.stream().sorted(java.util.Comparator.comparing(key))
                .filter(t -> from == null || key.apply(t).compareTo(from) > 0).toList();
        List<T> page = rest.subList(0, Math.min(size, rest.size()));
        String next = rest.size() > size ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                key.apply(page.get(page.size() - 1)).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(page, next);
    }
}
