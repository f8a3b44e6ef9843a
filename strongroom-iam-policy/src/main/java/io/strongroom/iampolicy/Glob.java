package io.strongroom.iampolicy;

/**
 * {@code *} / {@code ?} matching where each pattern character may be marked literal, because characters produced by
 * {@code ${*}}, {@code ${?}} or a variable's value must not act as wildcards (spec 1.6).
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, boolean[] literal, int from, int to, String value, int vFrom, int vTo,
                           boolean ignoreCase) {
        int p = from;
        int v = vFrom;
        int starP = -1;
        int starV = vFrom;
        while (v < vTo) {
            if (p < to && !literal[p] && pattern.charAt(p) == '*') {
                starP = p++;
                starV = v;
            } else if (p < to && ((!literal[p] && pattern.charAt(p) == '?')
                    || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < to && !literal[p] && pattern.charAt(p) == '*') {
            p++;
        }
        return p == to;
    }

    /** A pattern whose every character is a potential wildcard (actions, text without variables). */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return matches(pattern, new boolean[pattern.length()], 0, pattern.length(), value, 0, value.length(),
                ignoreCase);
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
