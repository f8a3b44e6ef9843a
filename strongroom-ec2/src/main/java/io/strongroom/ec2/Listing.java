package io.strongroom.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What every EC2 Describe call shares: filter names and values with EC2's wildcards, and opaque paging. */
final class Listing {
    private Listing() {
    }

    interface PageMaker<T, P> {
        P make(List<T> items, String next);
    }

    /** A page of {@code maxResults} (between {@code min} and {@code max}) after the token's key, in key order. */
    static <T, P> P page(List<T> all, Function<T, String> key, Integer maxResults, String nextToken,
                         int min, int max, PageMaker<T, P> maker) {
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2Errors.invalidParameterValue("Value (" + maxResults + ") for parameter maxResults is invalid. "
                    + "Expecting a value between " + min + " and " + max + ".");
        }
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            String after = decodeToken(nextToken);
            start = (int) all.stream().filter(t -> key.apply(t).compareTo(after) <= 0).count();
        }
        int size = maxResults == null ? all.size() : maxResults;
        int end = Math.min(all.size(), start + size);
        String next = end < all.size() ? encodeToken(key.apply(all.get(end - 1))) : null;
        return maker.make(all.subList(start, end), next);
    }

    private static String encodeToken(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + lastKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw Ec2Errors.invalidNextToken(token);
    }

    /** Refuses a filter whose name is neither one of {@code names} nor {@code tag:<key>}. */
    static void checkFilter(Inputs.Filter f, Set<String> names) {
        if (f.name() == null || !(names.contains(f.name()) || (f.name().startsWith("tag:")
                && f.name().length() > 4))) {
            throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
        }
    }

    static List<String> values(Inputs.Filter f) {
        return f.values() == null ? List.of() : f.values();
    }

    /** A {@code tag:<key>} filter: the tag is present with a matching value. */
    static boolean tagMatches(java.util.Map<String, String> tags, Inputs.Filter f) {
        String value = tags.get(f.name().substring(4));
        return value != null && anyGlob(values(f), value);
    }

    /** A {@code tag-key} filter: some tag's key matches. */
    static boolean tagKeyMatches(java.util.Map<String, String> tags, Inputs.Filter f) {
        return tags.keySet().stream().anyMatch(k -> anyGlob(values(f), k));
    }

    /** EC2 filter values: {@code *} any run, {@code ?} one character, {@code \} escapes. */
    static boolean anyGlob(List<String> patterns, String value) {
        return value != null && patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
