package io.strongroom.policychecks;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Glob matching and near-miss suggestions over names. */
final class Text {
    private Text() {
    }

    /** {@code *} any run, {@code ?} one character; case-insensitive (action names). */
    static boolean globIgnoreCase(String pattern, String value) {
        return glob(pattern.toLowerCase(Locale.ROOT), 0, value.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int pi, String v, int vi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = vi; k <= v.length(); k++) {
                    if (glob(p, pi, v, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (vi >= v.length() || c != '?' && c != v.charAt(vi)) {
                return false;
            }
            pi++;
            vi++;
        }
        return vi == v.length();
    }

    /**
     * Whether every string {@code inner} matches is also matched by {@code outer} (both globs, case-sensitive): an
     * {@code inner} wildcard must be covered by an {@code outer} {@code *}.
     */
    static boolean covers(String outer, String inner) {
        return covers(outer, 0, inner, 0);
    }

    private static boolean covers(String p, int pi, String v, int vi) {
        if (pi == p.length()) {
            return vi == v.length();
        }
        char c = p.charAt(pi);
        if (c == '*') {
            for (int k = vi; k <= v.length(); k++) {
                if (covers(p, pi + 1, v, k)) {
                    return true;
                }
            }
            return false;
        }
        if (vi >= v.length()) {
            return false;
        }
        char d = v.charAt(vi);
        if (d == '*' || c != '?' && c != d) {
            return false;
        }
        return covers(p, pi + 1, v, vi + 1);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The closest candidate, compared case-insensitively, when it is near enough to be a likely misspelling: at most
     * a quarter of the name's length (and at least 2) edits away.
     */
    static Optional<String> nearest(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int limit = Math.max(2, name.length() / 4);
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }
}
