package io.strongroom.vaultstorage.local;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Pack names (random, so writers on several threads or nodes never collide) and the id rule for vaults and points. */
final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private Names() {
    }

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String checkId(String kind, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(kind + " id must be 1-200 characters of [A-Za-z0-9._-], not starting "
                    + "with a dot: " + id);
        }
        return id;
    }
}
