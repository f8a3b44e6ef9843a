package io.strongroom.testkit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

/** RFC 6238 one-time codes as an authenticator app computes them: HMAC-SHA1, 6 digits, 30-second steps. */
public final class Totp {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The 30-second step an instant falls in. */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 30);
    }

    /** The code a device with this base32 seed shows at {@code time}. */
    public static String code(String base32Seed, Instant time) {
        return code(base32Seed, step(time));
    }

    /** The code of step {@code step} (the HOTP counter). */
    public static String code(String base32Seed, long step) {
        byte[] counter = new byte[8];
        for (int i = 0; i < 8; i++) {
            counter[i] = (byte) (step >>> (56 - 8 * i));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Seed), "HmacSHA1"));
            byte[] h = mac.doFinal(counter);
            int o = h[19] & 0x0f;
            int v = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", v % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        String text = base32.replace("=", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
