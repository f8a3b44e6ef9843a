package io.strongroom.iampolicy;

/** A place in a policy's text: 1-based line and column, as the IAM policy simulator reports statements. */
public record TextPosition(int line, int column) {
    public TextPosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns count from 1");
        }
    }
}
