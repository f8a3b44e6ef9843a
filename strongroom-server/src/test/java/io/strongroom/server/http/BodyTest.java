package io.strongroom.server.http;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyTest {

    private static ByteBuffer piece(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(Body body) {
        return new String(body.bytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void piecesOfTheDeclaredLengthAreHandedOnWhole() {
        Body body = new Body(11);
        body.append(piece("hello "));
        body.append(piece(""));
        body.append(piece("world"));
        assertThat(text(body)).isEqualTo("hello world");
    }

    @Test
    void fewerBytesThanDeclaredAreWhatArrived() {
        Body body = new Body(100);
        body.append(piece("short"));
        assertThat(text(body)).isEqualTo("short");
    }

    @Test
    void moreBytesThanDeclaredAreKeptToo() {
        Body body = new Body(3);
        body.append(piece("abc"));
        body.append(piece("defgh"));
        assertThat(text(body)).isEqualTo("abcdefgh");
    }

    @Test
    void withoutALengthTheBodyGrowsAsItArrives() {
        Body body = new Body(-1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String part = "part-" + i + ";";
            body.append(piece(part));
            expected.append(part);
        }
        assertThat(text(body)).isEqualTo(expected.toString());
    }

    @Test
    void aLargeDeclaredBodyArrivingInPiecesComesWhole() {
        int length = 3 * Body.FIRST_STEP + 5;
        byte[] expected = new byte[length];
        for (int i = 0; i < length; i++) {
            expected[i] = (byte) (i * 31 + 7);
        }
        Body body = new Body(length);
        for (int at = 0; at < length; at += 65536) {
            body.append(ByteBuffer.wrap(expected, at, Math.min(65536, length - at)));
        }
        assertThat(body.bytes()).isEqualTo(expected);
    }

    @Test
    void anEmptyBodyIsEmpty() {
        assertThat(new Body(-1).bytes()).isEmpty();
        assertThat(new Body(0).bytes()).isEmpty();
    }

    @Test
    void anUntrustedLengthIsNotAllocatedUpFront() {
        Body body = new Body(Body.PRESIZE_LIMIT + 1);
        body.append(piece("x"));
        assertThat(text(body)).isEqualTo("x");
    }
}
