package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** KMS through the SDK v2: keys, aliases, states and deletion, crypto, key policies across accounts, grants, tags. */
class KmsIT {
    static TestServer server;
    static KmsClient kms;
    static final String ACCOUNT = "111111111111";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kms = server.endpoint().client(KmsClient.builder());
    }

    @AfterAll
    static void stop() {
        kms.close();
        server.close();
    }

    static <T extends KmsException> T expect(Class<T> type, String code, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(type);
        T e = type.cast(thrown);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    static SdkBytes text(String s) {
        return SdkBytes.fromString(s, StandardCharsets.UTF_8);
    }

    static KeyMetadata newKey(KmsClient client, String description) {
        return client.createKey(r -> r.description(description)).keyMetadata();
    }

    @Test
    void createDescribeAndListKeys() throws Exception {
        KeyMetadata key = kms.createKey(r -> r.description("ledger key")
                .tags(Tag.builder().tagKey("team").tagValue("payments").build())).keyMetadata();
        assertThat(key.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(key.arn()).isEqualTo("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + key.keyId());
        assertThat(key.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(key.enabled()).isTrue();
        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(key.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(key.description()).isEqualTo("ledger key");
        assertThat(key.creationDate()).isNotNull();

        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata()).isEqualTo(key);
        assertThat(kms.describeKey(r -> r.keyId(key.arn())).keyMetadata().keyId()).isEqualTo(key.keyId());
        assertThat(kms.listKeysPaginator(r -> r.limit(1)).keys().stream().map(KeyListEntry::keyId))
                .contains(key.keyId());
        assertThat(kms.listResourceTags(r -> r.keyId(key.keyId())).tags())
                .containsExactly(Tag.builder().tagKey("team").tagValue("payments").build());

        JsonNode policy = new ObjectMapper().readTree(kms.getKeyPolicy(r -> r.keyId(key.keyId())
                .policyName("default")).policy());
        assertThat(policy.get("Id").asText()).isEqualTo("key-default-1");
        assertThat(policy.at("/Statement/0/Principal/AWS").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(policy.at("/Statement/0/Action").asText()).isEqualTo("kms:*");
        assertThat(kms.listKeyPolicies(r -> r.keyId(key.keyId())).policyNames()).containsExactly("default");

        expect(NotFoundException.class, "NotFoundException",
                () -> kms.describeKey(r -> r.keyId("0b0b0b0b-1111-4222-8333-444444444444")));
        expect(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId("not-a-key")));
        expect(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/none")));
        expect(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                "UnsupportedOperationException",
                () -> kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY)));
        int keys = kms.listKeys().keys().size();
        expect(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                "UnsupportedOperationException", () -> kms.createKey(r -> r.customKeyStoreId("cks-1234567890abcdef0")));
        assertThat(kms.listKeys().keys()).hasSize(keys);
        expect(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                () -> kms.createKey(r -> r.policy("{\"Statement\": 3}")));
    }

    @Test
    void encryptDecryptAndReEncryptWithEncryptionContext() {
        KeyMetadata first = newKey(kms, "first");
        KeyMetadata second = newKey(kms, "second");
        Map<String, String> context = Map.of("aws:backup:backup-vault", "central", "purpose", "test");
        EncryptResponse encrypted = kms.encrypt(r -> r.keyId(first.keyId()).plaintext(text("top secret"))
                .encryptionContext(context));
        assertThat(encrypted.keyId()).isEqualTo(first.arn());
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(new String(encrypted.ciphertextBlob().asByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("top secret").contains(first.arn());

        // The blob names its key: no KeyId needed.
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                .encryptionContext(context));
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("top secret");
        assertThat(decrypted.keyId()).isEqualTo(first.arn());

        expect(InvalidCiphertextException.class, "InvalidCiphertextException",
                () -> kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())));
        expect(InvalidCiphertextException.class, "InvalidCiphertextException",
                () -> kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                        .encryptionContext(Map.of("aws:backup:backup-vault", "central", "purpose", "Test"))));
        byte[] flipped = encrypted.ciphertextBlob().asByteArray();
        flipped[flipped.length - 20] ^= 1;
        expect(InvalidCiphertextException.class, "InvalidCiphertextException",
                () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(flipped)).encryptionContext(context)));
        expect(InvalidCiphertextException.class, "InvalidCiphertextException",
                () -> kms.decrypt(r -> r.ciphertextBlob(text("not a ciphertext blob at all, sorry"))));
        expect(IncorrectKeyException.class, "IncorrectKeyException", () -> kms.decrypt(r -> r
                .ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context).keyId(second.keyId())));

        ReEncryptResponse moved = kms.reEncrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                .sourceEncryptionContext(context).destinationKeyId(second.arn())
                .destinationEncryptionContext(Map.of("stage", "two")));
        assertThat(moved.sourceKeyId()).isEqualTo(first.arn());
        assertThat(moved.keyId()).isEqualTo(second.arn());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob()).encryptionContext(Map.of("stage", "two")))
                .plaintext().asUtf8String()).isEqualTo("top secret");

        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(first.keyId()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(context));
        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(context))
                .plaintext()).isEqualTo(dataKey.plaintext());
        GenerateDataKeyWithoutPlaintextResponse wrapped = kms.generateDataKeyWithoutPlaintext(r -> r
                .keyId(first.arn()).numberOfBytes(16));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(wrapped.ciphertextBlob())).plaintext().asByteArray()).hasSize(16);
        expect(KmsException.class, "ValidationException", () -> kms.generateDataKey(r -> r.keyId(first.keyId())));
        expect(KmsException.class, "ValidationException", () -> kms.encrypt(r -> r.keyId(first.keyId())
                .plaintext(SdkBytes.fromByteArray(new byte[4097]))));
        assertThat(kms.generateRandom(r -> r.numberOfBytes(64)).plaintext().asByteArray()).hasSize(64);
        expect(DryRunOperationException.class, "DryRunOperationException",
                () -> kms.encrypt(r -> r.keyId(first.keyId()).plaintext(text("x")).dryRun(true)));
    }

    @Test
    void aliasesNameKeysAndTheAwsPrefixIsReserved() {
        KeyMetadata key = newKey(kms, "aliased");
        kms.createAlias(r -> r.aliasName("alias/it-ledger").targetKeyId(key.keyId()));
        assertThat(kms.describeKey(r -> r.keyId("alias/it-ledger")).keyMetadata().keyId()).isEqualTo(key.keyId());
        assertThat(kms.describeKey(r -> r.keyId("arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/it-ledger"))
                .keyMetadata().keyId()).isEqualTo(key.keyId());
        EncryptResponse viaAlias = kms.encrypt(r -> r.keyId("alias/it-ledger").plaintext(text("via alias")));
        assertThat(viaAlias.keyId()).isEqualTo(key.arn());

        AliasListEntry listed = kms.listAliases(r -> r.keyId(key.keyId())).aliases().get(0);
        assertThat(listed.aliasName()).isEqualTo("alias/it-ledger");
        assertThat(listed.aliasArn()).isEqualTo("arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/it-ledger");
        assertThat(listed.targetKeyId()).isEqualTo(key.keyId());
        assertThat(kms.listAliases(r -> { }).aliases()).extracting(AliasListEntry::aliasName)
                .contains("alias/it-ledger", "alias/aws/backup", "alias/aws/ebs");

        expect(AlreadyExistsException.class, "AlreadyExistsException",
                () -> kms.createAlias(r -> r.aliasName("alias/it-ledger").targetKeyId(key.keyId())));
        KmsException reserved = expect(KmsException.class, "NotAuthorizedException",
                () -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(key.keyId())));
        assertThat(reserved).isNotNull();
        expect(KmsException.class, "ValidationException",
                () -> kms.createAlias(r -> r.aliasName("it-no-prefix").targetKeyId(key.keyId())));
        expect(NotFoundException.class, "NotFoundException",
                () -> kms.createAlias(r -> r.aliasName("alias/it-orphan").targetKeyId("0b0b0b0b-1111-4222-8333-444444444444")));

        KeyMetadata other = newKey(kms, "other");
        kms.updateAlias(r -> r.aliasName("alias/it-ledger").targetKeyId(other.keyId()));
        assertThat(kms.describeKey(r -> r.keyId("alias/it-ledger")).keyMetadata().keyId()).isEqualTo(other.keyId());
        kms.deleteAlias(r -> r.aliasName("alias/it-ledger"));
        expect(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/it-ledger")));
        expect(NotFoundException.class, "NotFoundException", () -> kms.deleteAlias(r -> r.aliasName("alias/it-ledger")));
    }

    @Test
    void disabledAndPendingDeletionKeysRefuseUseAndTheWindowRunsOnTheClock() {
        KeyMetadata key = newKey(kms, "lifecycle");
        kms.createAlias(r -> r.aliasName("alias/it-lifecycle").targetKeyId(key.keyId()));
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("keep"))).ciphertextBlob();

        kms.disableKey(r -> r.keyId(key.keyId()));
        KeyMetadata disabled = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(disabled.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(disabled.enabled()).isFalse();
        DisabledException off = expect(DisabledException.class, "DisabledException",
                () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("x"))));
        assertThat(off.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is disabled.");
        expect(DisabledException.class, "DisabledException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        kms.enableKey(r -> r.keyId(key.keyId()));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("keep");

        expect(KmsException.class, "ValidationException",
                () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(6)));
        expect(KmsException.class, "ValidationException",
                () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(31)));
        Instant now = server.endpoint().admin().now();
        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())
                .pendingWindowInDays(7));
        assertThat(scheduled.keyId()).isEqualTo(key.arn());
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.deletionDate()).isEqualTo(now.plus(Duration.ofDays(7)));
        KeyMetadata pending = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(pending.deletionDate()).isEqualTo(scheduled.deletionDate());
        KmsInvalidStateException invalid = expect(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("x"))));
        assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is pending deletion.");
        expect(KmsInvalidStateException.class, "KMSInvalidStateException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        expect(KmsInvalidStateException.class, "KMSInvalidStateException", () -> kms.enableKey(r -> r.keyId(key.keyId())));
        expect(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())));

        // Cancelling leaves the key disabled.
        assertThat(kms.cancelKeyDeletion(r -> r.keyId(key.keyId())).keyId()).isEqualTo(key.arn());
        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        expect(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.cancelKeyDeletion(r -> r.keyId(key.keyId())));
        server.endpoint().admin().advance(Duration.ofDays(8));
        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);

        kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
        server.endpoint().admin().advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.PENDING_DELETION);
        server.endpoint().admin().advance(Duration.ofSeconds(1));
        expect(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId(key.keyId())));
        expect(NotFoundException.class, "NotFoundException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        expect(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/it-lifecycle")));
        assertThat(kms.listKeysPaginator(r -> { }).keys().stream().map(KeyListEntry::keyId)).doesNotContain(key.keyId());
    }

    @Test
    void theAwsManagedBackupKeyIsMadeOnFirstUseAndServesOnlyThroughBackup() {
        String[] account = server.endpoint().admin().createAccount("kms-managed");
        try (KmsClient own = server.endpoint().client(KmsClient.builder(),
                AwsBasicCredentials.create(account[1], account[2]))) {
            AliasListEntry unbound = own.listAliases(r -> { }).aliases().stream()
                    .filter(a -> a.aliasName().equals("alias/aws/backup")).findFirst().orElseThrow();
            assertThat(unbound.targetKeyId()).isNull();

            KeyMetadata managed = own.describeKey(r -> r.keyId("alias/aws/backup")).keyMetadata();
            assertThat(managed.keyManager()).isEqualTo(KeyManagerType.AWS);
            assertThat(managed.awsAccountId()).isEqualTo(account[0]);
            assertThat(managed.description()).isEqualTo("Default key that protects my Backup data when no other key "
                    + "is defined");
            assertThat(own.describeKey(r -> r.keyId("alias/aws/backup")).keyMetadata().keyId())
                    .isEqualTo(managed.keyId());
            assertThat(own.listAliases(r -> r.keyId(managed.keyId())).aliases())
                    .extracting(AliasListEntry::aliasName).containsExactly("alias/aws/backup");
            assertThat(own.getKeyPolicy(r -> r.keyId(managed.keyId())).policy()).contains("kms:ViaService")
                    .contains("backup.eu-west-1.amazonaws.com").contains("auto-backup-1");

            // Its policy lets the account use it only through AWS Backup, and never manage it.
            expect(KmsException.class, "AccessDeniedException",
                    () -> own.encrypt(r -> r.keyId("alias/aws/backup").plaintext(text("x"))));
            expect(KmsException.class, "AccessDeniedException", () -> own.disableKey(r -> r.keyId(managed.keyId())));
            expect(KmsException.class, "AccessDeniedException",
                    () -> own.scheduleKeyDeletion(r -> r.keyId(managed.keyId())));
            expect(KmsException.class, "AccessDeniedException", () -> own.putKeyPolicy(r -> r.keyId(managed.keyId())
                    .policyName("default").policy(own.getKeyPolicy(p -> p.keyId(managed.keyId())).policy())));
            expect(KmsException.class, "NotAuthorizedException", () -> own.deleteAlias(r -> r.aliasName("alias/aws/backup")));

            // AWS rotates its managed keys every year, and nobody can change that.
            GetKeyRotationStatusResponse rotation = own.getKeyRotationStatus(r -> r.keyId(managed.keyId()));
            assertThat(rotation.keyRotationEnabled()).isTrue();
            assertThat(rotation.rotationPeriodInDays()).isEqualTo(365);
            expect(KmsException.class, "AccessDeniedException",
                    () -> own.disableKeyRotation(r -> r.keyId(managed.keyId())));
        }
    }

    @Test
    void keyRotationIsTheKeysStateAndFollowsItsLifecycle() {
        KeyMetadata key = newKey(kms, "rotated");
        GetKeyRotationStatusResponse initial = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
        assertThat(initial.keyId()).isEqualTo(key.arn());
        assertThat(initial.keyRotationEnabled()).isFalse();
        assertThat(initial.rotationPeriodInDays()).isNull();

        kms.enableKeyRotation(r -> r.keyId(key.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.arn())).rotationPeriodInDays()).isEqualTo(365);
        kms.enableKeyRotation(r -> r.keyId(key.arn()).rotationPeriodInDays(90));
        GetKeyRotationStatusResponse enabled = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
        assertThat(enabled.keyRotationEnabled()).isTrue();
        assertThat(enabled.rotationPeriodInDays()).isEqualTo(90);
        assertThat(expect(KmsException.class, "ValidationException", () -> kms.enableKeyRotation(r -> r
                .keyId(key.keyId()).rotationPeriodInDays(89))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 90");
        expect(KmsException.class, "ValidationException",
                () -> kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(2561)));

        // A disabled key keeps its setting but cannot have it changed; pending deletion reads as off.
        kms.disableKey(r -> r.keyId(key.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled()).isTrue();
        assertThat(expect(DisabledException.class, "DisabledException",
                () -> kms.disableKeyRotation(r -> r.keyId(key.keyId()))).awsErrorDetails().errorMessage())
                .isEqualTo(key.arn() + " is disabled.");
        kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled()).isFalse();
        expect(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.enableKeyRotation(r -> r.keyId(key.keyId())));
        kms.cancelKeyDeletion(r -> r.keyId(key.keyId()));
        kms.enableKey(r -> r.keyId(key.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).rotationPeriodInDays()).isEqualTo(90);
        kms.disableKeyRotation(r -> r.keyId(key.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled()).isFalse();

        String unknown = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/00000000-0000-4000-8000-000000000000";
        assertThat(expect(NotFoundException.class, "NotFoundException",
                () -> kms.getKeyRotationStatus(r -> r.keyId(unknown))).awsErrorDetails().errorMessage())
                .isEqualTo("Key '" + unknown + "' does not exist");
        expect(NotFoundException.class, "NotFoundException", () -> kms.enableKeyRotation(r -> r.keyId(unknown)));
        // Rotation calls take a key id or key ARN, never an alias.
        kms.createAlias(r -> r.aliasName("alias/rotated").targetKeyId(key.keyId()));
        expect(InvalidArnException.class, "InvalidArnException",
                () -> kms.getKeyRotationStatus(r -> r.keyId("alias/rotated")));
    }

    @Test
    void keyPolicyDecidesCrossAccountUseTogetherWithTheOtherAccountsIamPolicies() {
        KeyMetadata key = newKey(kms, "shared");
        String[] outsider = server.endpoint().admin().createAccount("kms-outsider");
        try (KmsClient other = server.endpoint().client(KmsClient.builder(),
                AwsBasicCredentials.create(outsider[1], outsider[2]));
             IamClient iam = server.endpoint().client(IamClient.builder().region(Region.AWS_GLOBAL),
                     AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            KmsException denied = expect(KmsException.class, "AccessDeniedException",
                    () -> other.encrypt(r -> r.keyId(key.arn()).plaintext(text("x"))));
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + outsider[0]
                    + ":root is not authorized to perform: kms:Encrypt on resource: " + key.arn()
                    + " because no resource-based policy allows the kms:Encrypt action");
            // Another account's key is found by ARN only.
            expect(NotFoundException.class, "NotFoundException", () -> other.describeKey(r -> r.keyId(key.keyId())));

            kms.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default").policy("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                    + "{\"Sid\":\"Let the outsider use it\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                    + outsider[0] + ":root\"},\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"],"
                    + "\"Resource\":\"*\"}]}"));
            SdkBytes blob = other.encrypt(r -> r.keyId(key.arn()).plaintext(text("shared secret"))).ciphertextBlob();
            assertThat(other.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("shared secret");
            assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("shared secret");
            expect(KmsException.class, "AccessDeniedException",
                    () -> other.generateDataKey(r -> r.keyId(key.arn()).keySpec(DataKeySpec.AES_256)));

            // A user of the other account also needs its own account's IAM policy to allow the use.
            iam.createUser(r -> r.userName("reader"));
            var access = iam.createAccessKey(r -> r.userName("reader")).accessKey();
            try (KmsClient reader = server.endpoint().client(KmsClient.builder(),
                    AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey()))) {
                expect(KmsException.class, "AccessDeniedException", () -> reader.decrypt(r -> r.ciphertextBlob(blob)));
                iam.putUserPolicy(r -> r.userName("reader").policyName("use-shared-key").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                                + "\"Resource\":\"" + key.arn() + "\"}]}"));
                assertThat(reader.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
                        .isEqualTo("shared secret");
            }
            // Managing the key stays with its own account.
            expect(KmsException.class, "AccessDeniedException", () -> other.disableKey(r -> r.keyId(key.arn())));
        }
    }

    @Test
    void aKeyPolicyThatDoesNotNameTheAccountLocksOutEvenItsRoot() {
        KeyMetadata key = newKey(kms, "lockout");
        String foreign = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::222222222222:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        MalformedPolicyDocumentException lockout = expect(MalformedPolicyDocumentException.class,
                "MalformedPolicyDocumentException", () -> kms.putKeyPolicy(r -> r.keyId(key.keyId())
                        .policyName("default").policy(foreign)));
        assertThat(lockout.awsErrorDetails().errorMessage())
                .isEqualTo("The new key policy will not allow you to update the key policy in the future.");
        kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("still mine")));

        kms.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default").policy(foreign)
                .bypassPolicyLockoutSafetyCheck(true));
        expect(KmsException.class, "AccessDeniedException",
                () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("x"))));
        expect(KmsException.class, "AccessDeniedException", () -> kms.describeKey(r -> r.keyId(key.keyId())));
    }

    @Test
    void grantsLetTheirGranteeUseTheKey() {
        KeyMetadata key = newKey(kms, "granted");
        String[] outsider = server.endpoint().admin().createAccount("kms-grantee");
        String grantee = "arn:aws:iam::" + outsider[0] + ":root";
        try (KmsClient other = server.endpoint().client(KmsClient.builder(),
                AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            expect(KmsException.class, "AccessDeniedException", () -> other.generateDataKey(r -> r.keyId(key.arn())
                    .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("vault", "central"))));
            CreateGrantResponse grant = kms.createGrant(r -> r.keyId(key.keyId()).granteePrincipal(grantee)
                    .retiringPrincipal(grantee).operations(GrantOperation.GENERATE_DATA_KEY, GrantOperation.DECRYPT)
                    .constraints(c -> c.encryptionContextSubset(Map.of("vault", "central"))).name("backup-copy"));
            assertThat(grant.grantId()).matches("[0-9a-f]{64}");
            assertThat(kms.createGrant(r -> r.keyId(key.keyId()).granteePrincipal(grantee).retiringPrincipal(grantee)
                    .operations(GrantOperation.GENERATE_DATA_KEY, GrantOperation.DECRYPT)
                    .constraints(c -> c.encryptionContextSubset(Map.of("vault", "central"))).name("backup-copy"))
                    .grantId()).isEqualTo(grant.grantId());

            GenerateDataKeyResponse dataKey = other.generateDataKey(r -> r.keyId(key.arn())
                    .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("vault", "central", "job", "1")));
            assertThat(other.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob())
                    .encryptionContext(Map.of("vault", "central", "job", "1"))).plaintext())
                    .isEqualTo(dataKey.plaintext());
            expect(KmsException.class, "AccessDeniedException", () -> other.generateDataKey(r -> r.keyId(key.arn())
                    .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("vault", "elsewhere"))));
            expect(KmsException.class, "AccessDeniedException",
                    () -> other.encrypt(r -> r.keyId(key.arn()).plaintext(text("x"))));

            GrantListEntry listed = kms.listGrants(r -> r.keyId(key.keyId())).grants().get(0);
            assertThat(listed.grantId()).isEqualTo(grant.grantId());
            assertThat(listed.keyId()).isEqualTo(key.arn());
            assertThat(listed.granteePrincipal()).isEqualTo(grantee);
            assertThat(listed.operations()).containsExactlyInAnyOrder(GrantOperation.GENERATE_DATA_KEY,
                    GrantOperation.DECRYPT);
            assertThat(listed.constraints().encryptionContextSubset()).containsEntry("vault", "central");
            assertThat(listed.issuingAccount()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");

            other.retireGrant(r -> r.grantToken(grant.grantToken()));
            assertThat(kms.listGrants(r -> r.keyId(key.keyId())).grants()).isEmpty();
            expect(KmsException.class, "AccessDeniedException", () -> other.generateDataKey(r -> r.keyId(key.arn())
                    .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("vault", "central"))));

            String second = kms.createGrant(r -> r.keyId(key.keyId()).granteePrincipal(grantee)
                    .operations(GrantOperation.ENCRYPT)).grantId();
            other.encrypt(r -> r.keyId(key.arn()).plaintext(text("granted")));
            kms.revokeGrant(r -> r.keyId(key.keyId()).grantId(second));
            expect(KmsException.class, "AccessDeniedException",
                    () -> other.encrypt(r -> r.keyId(key.arn()).plaintext(text("x"))));
            expect(NotFoundException.class, "NotFoundException",
                    () -> kms.revokeGrant(r -> r.keyId(key.keyId()).grantId(second)));
        }
    }

    @Test
    void tagsAndTheirConditionKeys() {
        KeyMetadata key = newKey(kms, "tags");
        kms.tagResource(r -> r.keyId(key.keyId()).tags(Tag.builder().tagKey("Backup").tagValue("daily").build(),
                Tag.builder().tagKey("owner").tagValue("ada").build()));
        kms.untagResource(r -> r.keyId(key.arn()).tagKeys("owner"));
        assertThat(kms.listResourceTags(r -> r.keyId(key.keyId())).tags())
                .containsExactly(Tag.builder().tagKey("Backup").tagValue("daily").build());
        expect(TagException.class, "TagException", () -> kms.tagResource(r -> r.keyId(key.keyId())
                .tags(Tag.builder().tagKey("aws:x").tagValue("y").build())));

        try (IamClient iam = server.endpoint().client(IamClient.builder().region(Region.AWS_GLOBAL))) {
            iam.createUser(r -> r.userName("kms-tagger"));
            iam.putUserPolicy(r -> r.userName("kms-tagger").policyName("tagged-only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:CreateKey\","
                            + "\"kms:TagResource\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                            + "{\"aws:RequestTag/Backup\":\"daily\"}}},{\"Effect\":\"Allow\",\"Action\":\"kms:Encrypt\","
                            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/Backup\":\"daily\"}}}]}"));
            var access = iam.createAccessKey(r -> r.userName("kms-tagger")).accessKey();
            try (KmsClient tagger = server.endpoint().client(KmsClient.builder(),
                    AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey()))) {
                expect(KmsException.class, "AccessDeniedException", () -> tagger.createKey(r -> r.description("x")));
                KeyMetadata tagged = tagger.createKey(r -> r.tags(Tag.builder().tagKey("Backup").tagValue("daily")
                        .build())).keyMetadata();
                tagger.encrypt(r -> r.keyId(tagged.keyId()).plaintext(text("ok")));
                KeyMetadata untagged = newKey(kms, "untagged");
                expect(KmsException.class, "AccessDeniedException",
                        () -> tagger.encrypt(r -> r.keyId(untagged.keyId()).plaintext(text("no"))));
            }
        }
    }

    @Test
    void cloudTrailNeverRecordsPlaintext() {
        KeyMetadata key = newKey(kms, "audited");
        kms.encrypt(r -> r.keyId(key.keyId()).plaintext(text("the-plaintext-secret")));
        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256));
        kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()));
        try (CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder())) {
            var events = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                    .attributeValue("kms.amazonaws.com")).maxResults(50)).events();
            assertThat(events).extracting(e -> e.eventName()).contains("Encrypt", "GenerateDataKey", "Decrypt");
            String base64Key = java.util.Base64.getEncoder().encodeToString(dataKey.plaintext().asByteArray());
            for (var event : events) {
                assertThat(event.cloudTrailEvent()).doesNotContain("the-plaintext-secret").doesNotContain(base64Key);
            }
            var encrypt = events.stream().filter(e -> e.eventName().equals("Encrypt")
                    && e.cloudTrailEvent().contains(key.keyId())).findFirst().orElseThrow();
            assertThat(encrypt.readOnly()).isEqualTo("true");
            assertThat(encrypt.cloudTrailEvent()).contains("\"keyId\":\"" + key.keyId() + "\"")
                    .contains("\"responseElements\":null");
        }
    }
}
