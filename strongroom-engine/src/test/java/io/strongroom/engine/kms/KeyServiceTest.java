package io.strongroom.engine.kms;

import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.iam.RolesOnlyDirectory;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.identity.RoleSession;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.time.ClockService;
import io.strongroom.engine.time.TimerHandler;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The KeyService port as AWS Backup uses it: a role session of the account acting through backup, on the account's
 * {@code aws/backup} key (made on first use) or on a customer managed key, authorized by the key policy.
 */
class KeyServiceTest {
    static final String ACCOUNT = "111111111111";
    static final String OTHER = "222222222222";
    static final Map<String, String> VAULT = Map.of("aws:backup:backup-vault", "central");

    @TempDir
    Path dir;
    Store store;
    ClockService clock;
    KmsService kms;
    KeyService keys;
    Principal backupRole;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("s.db").toString());
        clock = ClockService.open(store, true, Instant.parse("2027-02-01T00:00:00Z"), Clock.systemUTC());
        IdGenerator ids = new IdGenerator("test");
        IdentityService identity = new IdentityService(clock.clock(), (alphabet, n) -> "A".repeat(n));
        IamRoles roles = new IamRoles(ids, clock.clock());
        Organizations orgs = new Organizations(ids, clock.clock(), identity, roles, Duration.ZERO);
        Authorizer authorizer = new Authorizer(new RolesOnlyDirectory(roles), orgs, clock.clock());
        SecureRandom random = new SecureRandom();
        RandomBytes bytes = n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        };
        kms = new KmsService(clock.clock(), ids, bytes, new MasterKey(bytes.next(32), bytes), authorizer);
        keys = new KmsCrypto(kms, bytes, authorizer);
        authorizer.addResourcePolicySource(new KmsKeyPolicies(kms));
        clock.register(TimerHandler.of(KmsService.DELETION_TIMER, kms::onDeletionTimer));
        IamRole role = store.write(tx -> roles.ensureRole(tx, ACCOUNT, "AWSServiceRoleForBackup", "/aws-service-role/",
                "{}", Map.of()));
        backupRole = new Principal(PrincipalType.ASSUMED_ROLE, ACCOUNT, "arn:aws:sts::" + ACCOUNT
                + ":assumed-role/AWSServiceRoleForBackup/backup", role.roleId() + ":backup", "backup", null,
                role.arn(), clock.now(), false, Map.of(), new RoleSession(role.arn(), role.name(), role.roleId(), null,
                Set.of(), List.of(), false, false, clock.now()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    KeyService.Caller via(String service) {
        return new KeyService.Caller(backupRole, "eu-west-1", service);
    }

    @Test
    void theBackupKeyIsMadeOnFirstUseAndWrapsDataKeysForBackupOnly() {
        KeyService.DataKey dataKey = store.write(tx -> keys.generateDataKey(tx, via("backup"), "alias/aws/backup",
                VAULT));
        assertThat(dataKey.plaintext()).hasSize(32);
        KmsKey managed = store.read(tx -> kms.key(tx, ACCOUNT, "eu-west-1", dataKey.keyArn()));
        assertThat(managed.awsManaged()).isTrue();
        assertThat(store.read(tx -> kms.key(tx, ACCOUNT, "eu-west-1", "alias/aws/backup")).keyId())
                .isEqualTo(managed.keyId());
        byte[] unwrapped = store.read(tx -> keys.decrypt(tx, via("backup"), dataKey.ciphertextBlob(), VAULT));
        assertThat(unwrapped).isEqualTo(dataKey.plaintext());

        assertThat(code(() -> store.read(tx -> keys.decrypt(tx, via("s3"), dataKey.ciphertextBlob(), VAULT))))
                .isEqualTo("AccessDeniedException");
        assertThat(code(() -> store.read(tx -> keys.decrypt(tx, via("backup"), dataKey.ciphertextBlob(),
                Map.of("aws:backup:backup-vault", "other"))))).isEqualTo("InvalidCiphertextException");
        // A second generation uses the same managed key.
        assertThat(store.write(tx -> keys.generateDataKey(tx, via("backup"), "alias/aws/backup", VAULT)).keyArn())
                .isEqualTo(managed.arn());
    }

    @Test
    void aCustomerKeyAnswersWithItsStateAndItsPolicy() {
        Principal root = Principal.root(ACCOUNT, null);
        KmsKey key = store.write(tx -> kms.createKey(tx, root, "eu-west-1", new KmsService.CreateKeyInput(null,
                "vault key", null, null, null, null, false, Map.of())));
        // The default policy hands the key to the account's IAM policies; the role has none.
        assertThat(code(() -> store.write(tx -> keys.generateDataKey(tx, via("backup"), key.arn(), VAULT))))
                .isEqualTo("AccessDeniedException");
        store.write(tx -> kms.putKeyPolicy(tx, root, "eu-west-1", key.keyId(), "default", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + backupRole.principalArn() + "\"},\"Action\":[\"kms:GenerateDataKey\",\"kms:Decrypt\"],"
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"backup.*.amazonaws.com\"}}}]}",
                false));
        KeyService.DataKey dataKey = store.write(tx -> keys.generateDataKey(tx, via("backup"), key.arn(), VAULT));
        assertThat(dataKey.keyArn()).isEqualTo(key.arn());

        store.write(tx -> kms.disableKey(tx, ACCOUNT, "eu-west-1", key.keyId()));
        assertThat(code(() -> store.read(tx -> keys.decrypt(tx, via("backup"), dataKey.ciphertextBlob(), VAULT))))
                .isEqualTo("DisabledException");
        store.write(tx -> kms.scheduleKeyDeletion(tx, ACCOUNT, "eu-west-1", key.keyId(), 7));
        assertThat(code(() -> store.read(tx -> keys.decrypt(tx, via("backup"), dataKey.ciphertextBlob(), VAULT))))
                .isEqualTo("KMSInvalidStateException");
        clock.advance(Duration.ofDays(7));
        assertThat(code(() -> store.read(tx -> keys.decrypt(tx, via("backup"), dataKey.ciphertextBlob(), VAULT))))
                .isEqualTo("NotFoundException");
    }

    @Test
    void anotherAccountsBackupKeyIsNeitherMadeNorUsable() {
        assertThat(code(() -> store.write(tx -> keys.generateDataKey(tx, via("backup"),
                "arn:aws:kms:eu-west-1:" + OTHER + ":alias/aws/backup", VAULT)))).isEqualTo("NotFoundException");
    }

    static String code(Runnable call) {
        ServiceException e = catchThrowableOfType(call::run, ServiceException.class);
        assertThat(e).as("expected a service error").isNotNull();
        return e.code();
    }
}
