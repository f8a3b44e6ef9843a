package io.strongroom.vaultstorage.kms;

/** A data key in the clear (to use, then forget) and wrapped (to store). */
public record DataKey(byte[] plaintext, byte[] wrapped) {
}
