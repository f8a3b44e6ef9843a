package io.strongroom.engine.kms;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ciphertext blob format and the master key's sealing: what is bound, and what any change breaks. */
class CiphertextBlobTest {
    static final String ARN = "arn:aws:kms:eu-west-1:111111111111:key/0b0b0b0b-1111-4222-8333-444444444444";
    static final String OTHER = "arn:aws:kms:eu-west-1:111111111111:key/0c0c0c0c-1111-4222-8333-444444444444";
    static final Map<String, String> CONTEXT = Map.of("aws:backup:backup-vault", "central", "b", "2");
    final SecureRandom random = new SecureRandom();
    final byte[] material = bytes(32);

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] seal(String plaintext, Map<String, String> context) {
        return CiphertextBlob.seal(ARN, material, bytes(12), plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    String open(byte[] blob, byte[] key, Map<String, String> context) {
        return CiphertextBlob.parse(blob).flatMap(b -> b.open(key, context))
                .map(p -> new String(p, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void layoutIsVersionArnIvThenCiphertextAndTag() {
        byte[] blob = seal("hello", CONTEXT);
        byte[] arn = ARN.getBytes(StandardCharsets.UTF_8);
        assertThat(blob[0]).isEqualTo((byte) 1);
        assertThat(((blob[1] & 0xff) << 8) | (blob[2] & 0xff)).isEqualTo(arn.length);
        assertThat(Arrays.copyOfRange(blob, 3, 3 + arn.length)).isEqualTo(arn);
        assertThat(blob).hasSize(3 + arn.length + 12 + "hello".length() + 16);
        CiphertextBlob parsed = CiphertextBlob.parse(blob).orElseThrow();
        assertThat(parsed.keyArn()).isEqualTo(ARN);
        assertThat(parsed.iv()).hasSize(12);
    }

    @Test
    void opensOnlyWithTheSameKeyAndExactlyTheSameContext() {
        byte[] blob = seal("hello", CONTEXT);
        assertThat(open(blob, material, Map.of("b", "2", "aws:backup:backup-vault", "central"))).isEqualTo("hello");
        assertThat(open(blob, material, Map.of())).isNull();
        assertThat(open(blob, material, Map.of("aws:backup:backup-vault", "central"))).isNull();
        assertThat(open(blob, material, Map.of("aws:backup:backup-vault", "Central", "b", "2"))).isNull();
        assertThat(open(blob, material, Map.of("aws:backup:backup-vault", "central", "b", "2", "c", "3"))).isNull();
        assertThat(open(blob, bytes(32), CONTEXT)).isNull();
        assertThat(open(seal("no context", Map.of()), material, Map.of())).isEqualTo("no context");
    }

    @Test
    void contextPairsCannotBeReshuffledIntoAnother() {
        // Length prefixes keep {"ab":"c"} and {"a":"bc"} apart.
        byte[] blob = seal("x", Map.of("ab", "c"));
        assertThat(open(blob, material, Map.of("a", "bc"))).isNull();
    }

    @Test
    void anyChangedBitOrSwappedKeyArnIsDetected() {
        byte[] blob = seal("hello, world", CONTEXT);
        for (int i = 0; i < blob.length; i++) {
            byte[] flipped = blob.clone();
            flipped[i] ^= 0x01;
            assertThat(open(flipped, material, CONTEXT)).as("bit flipped at byte %d", i).isNull();
        }
        byte[] swapped = blob.clone();
        byte[] other = OTHER.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(other, 0, swapped, 3, other.length);
        assertThat(CiphertextBlob.parse(swapped).orElseThrow().keyArn()).isEqualTo(OTHER);
        assertThat(open(swapped, material, CONTEXT)).isNull();
    }

    @Test
    void freshIvsMakeEveryCiphertextDifferent() {
        assertThat(seal("same", CONTEXT)).isNotEqualTo(seal("same", CONTEXT));
    }

    @Test
    void foreignBytesAreNotBlobs() {
        assertThat(CiphertextBlob.parse(null)).isEmpty();
        assertThat(CiphertextBlob.parse(new byte[0])).isEmpty();
        assertThat(CiphertextBlob.parse("not a ciphertext blob".getBytes(StandardCharsets.UTF_8))).isEmpty();
        byte[] blob = seal("hello", CONTEXT);
        blob[0] = 2;
        assertThat(CiphertextBlob.parse(blob)).isEmpty();
        assertThat(CiphertextBlob.parse(Arrays.copyOf(seal("hello", CONTEXT), 3 + ARN.length() + 20))).isEmpty();
        byte[] alias = CiphertextBlob.seal("arn:aws:kms:eu-west-1:111111111111:alias/x", material, bytes(12),
                new byte[1], Map.of());
        assertThat(CiphertextBlob.parse(alias)).isEmpty();
    }

    @Test
    void keyMaterialIsSealedUnderTheMasterKeyAndBoundToItsKey() {
        MasterKey master = new MasterKey(bytes(32), this::bytes);
        byte[] wrapped = master.wrap(ARN, material);
        assertThat(wrapped).hasSize(12 + 32 + 16);
        assertThat(master.unwrap(ARN, wrapped)).isEqualTo(material);
        assertThatThrownBy(() -> master.unwrap(OTHER, wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MasterKey(bytes(32), this::bytes).unwrap(ARN, wrapped))
                .isInstanceOf(IllegalStateException.class);
    }
}
