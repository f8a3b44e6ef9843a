package io.strongroom.engine.kms;

/** The key id at the end of a key ARN. */
final class KmsKeyId {
    private KmsKeyId() {
    }

    static String of(String keyArn) {
        return keyArn.substring(keyArn.lastIndexOf('/') + 1);
    }
}
