package io.strongroom.rds;

import io.strongroom.kernel.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/** What RDS's Describe calls take alike: filters, identifiers or ARNs, and pages (MaxRecords and Marker). */
final class DescribeRequests {
    private DescribeRequests() {
    }

    static void checkFilter(Inputs.Filter f, Set<String> allowed) {
        if (f.name() == null || !allowed.contains(f.name())) {
            throw RdsErrors.invalidParameterValue("Unrecognized filter name: " + f.name());
        }
        if (f.values() == null || f.values().isEmpty()) {
            throw RdsErrors.invalidParameterValue("The filter " + f.name() + " needs at least one value.");
        }
    }

    static boolean anyId(List<String> values, String identifier, String arnPart) {
        return values.stream().anyMatch(v -> idOf(v, arnPart).equalsIgnoreCase(identifier));
    }

    /** An identifier, or the identifier at the end of an ARN ({@code ...:db:id}, {@code ...:cluster:id}). */
    static String idOf(String identifierOrArn, String arnPart) {
        int at = identifierOrArn.startsWith("arn:") ? identifierOrArn.lastIndexOf(arnPart) : -1;
        return (at >= 0 ? identifierOrArn.substring(at + arnPart.length()) : identifierOrArn)
                .toLowerCase(Locale.ROOT);
    }

    record Page<T>(List<T> items, String marker) {
    }

    static <T> Page<T> page(List<T> all, Function<T, String> key, Integer maxRecords, String marker) {
        int size = maxRecords == null ? 100 : maxRecords;
        if (size < 20 || size > 100) {
            throw RdsErrors.invalidParameterValue("Invalid value " + size + " for MaxRecords. Must be between 20 "
                    + "and 100");
        }
        String after = null;
        if (marker != null && !marker.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw RdsErrors.invalidParameterValue("Invalid marker: " + marker);
            }
        }
        String start = after;
        List<T> rest = start == null ? all : all.stream().filter(t -> key.apply(t).compareTo(start) > 0).toList();
        List<T> items = new ArrayList<>(rest.subList(0, Math.min(size, rest.size())));
        String next = rest.size() > size ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.apply(items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }

    /**
     * DescribeDBInstances and DescribeDBClusters: the resource an identifier or ARN names ({@code notFound} when
     * none) or else all of them, those every filter matches, by identifier, one page.
     */
    static <T> Page<T> describe(String identifier, String arnPart, Function<String, Optional<T>> find,
                                Function<String, ServiceException> notFound, Supplier<List<T>> all,
                                List<Inputs.Filter> filters, Set<String> allowed,
                                BiPredicate<T, Inputs.Filter> matches, Function<T, String> key, Integer maxRecords,
                                String marker) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> checkFilter(f, allowed));
        List<T> candidates;
        if (identifier != null && !identifier.isEmpty()) {
            String id = idOf(identifier, arnPart);
            candidates = List.of(find.apply(id).orElseThrow(() -> notFound.apply(id)));
        } else {
            candidates = all.get();
        }
        List<T> matching = candidates.stream().filter(t -> fs.stream().allMatch(f -> matches.test(t, f)))
                .sorted(Comparator.comparing(key)).toList();
        return page(matching, key, maxRecords, marker);
    }
}
