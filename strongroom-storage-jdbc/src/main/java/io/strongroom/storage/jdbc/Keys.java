package io.strongroom.storage.jdbc;

/** The rules keys follow so that every dialect stores and orders them alike. */
final class Keys {

    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    private Keys() {
    }

    /** PostgreSQL text cannot hold U+0000 and UTF-8 cannot hold a lone surrogate (drivers write '?'). */
    static void check(String s, String what) {
        if (s == null) {
            throw new NullPointerException(what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " must not contain U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " must not contain an unpaired surrogate");
            }
        }
    }

    /**
     * The smallest string, in code point order, above every string that starts with {@code prefix};
     * null when there is none (an empty prefix, or one of nothing but U+10FFFF).
     */
    static String prefixEnd(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            if (cps[i] < MAX_CODE_POINT) {
                int next = cps[i] + 1;
                // Surrogate code points cannot be stored; the next storable one follows them.
                cps[i] = next == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : next;
                return new String(cps, 0, i + 1);
            }
        }
        return null;
    }
}
