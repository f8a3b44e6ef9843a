package io.strongroom.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding with SigV4's unreserved set ({@code A-Z a-z 0-9 - _ . ~}, upper-case hex). */
final class Percent {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {
    }

    static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    static String encode(String text, boolean keepSlash) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    /**
     * Decodes to bytes rather than a string so that re-encoding reproduces exactly the octets the client
     * encoded, even when they are not valid UTF-8. A '%' not followed by two hex digits stays literal, and
     * '+' stays '+': SigV4 clients send spaces as %20, so '+' on the wire is a plus they meant.
     */
    static byte[] decode(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
                out.write(hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    static String decodeToString(String text) {
        return new String(decode(text), StandardCharsets.UTF_8);
    }

    private static int hexValue(byte b) {
        return Character.digit((char) (b & 0xff), 16);
    }
}
