package io.strongroom.s3;

/** Fixed-width key parts, so that keys sort as their numbers do. */
final class Keys {
    private Keys() {
    }

    /** {@code digits} with zeros in front up to {@code width} ({@code String.format} costs a parse per call). */
    static String zeroPadded(String digits, int width) {
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
