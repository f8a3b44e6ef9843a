package io.strongroom.wire.sdk;

/** The value type of a member, independent of the SDK's marshalling-type constants. */
public enum Kind {
    STRING, INTEGER, LONG, SHORT, BYTE, FLOAT, DOUBLE, BIG_DECIMAL, BOOLEAN, TIMESTAMP, BLOB,
    STRUCTURE, LIST, MAP, DOCUMENT;

    public boolean scalar() {
        return this != STRUCTURE && this != LIST && this != MAP && this != DOCUMENT;
    }
}
