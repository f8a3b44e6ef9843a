package io.strongroom.storage;

/** Turns one kind of domain record into stored bytes and back; owns its schema version. */
public interface Codec<V> {
    byte[] encode(V value);

    V decode(byte[] bytes);
}
