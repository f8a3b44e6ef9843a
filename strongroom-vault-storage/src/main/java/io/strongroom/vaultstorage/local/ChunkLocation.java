package io.strongroom.vaultstorage.local;

/** A chunk's record: which pack, where, how long stored, how long in the clear. */
record ChunkLocation(String pack, long offset, int length, int plainLength) {
}
