package io.strongroom.api.kms;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.kms.KmsConditionKeys;
import io.strongroom.engine.kms.KmsCrypto;
import io.strongroom.engine.kms.KmsErrors;
import io.strongroom.engine.kms.KmsGrant;
import io.strongroom.engine.kms.KmsGrants;
import io.strongroom.engine.kms.KmsKey;
import io.strongroom.engine.kms.KmsKeyRotation;
import io.strongroom.engine.kms.KmsService;
import io.strongroom.engine.kms.KeyService;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KMS operations: SDK shapes to the engine's keys, crypto and grants, and back. */
public final class KmsApi {
    private KmsApi() {
    }

    public static ServiceApi create(KmsService kms, KmsCrypto crypto, KmsGrants grants, KmsKeyRotation rotation) {
        ServiceApi.Builder api = ServiceApi.builder("kms");
        KmsAccess access = new KmsAccess(kms);
        keys(api, kms, access);
        rotation(api, rotation, access);
        aliases(api, kms, access);
        cryptography(api, crypto, access);
        grants(api, kms, grants, access);
        api.note("CreateKey", "Symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, origin AWS_KMS) only; "
                + "no multi-Region keys or custom key stores");
        api.note("CreateGrant", "Grant tokens are the grant ids and take effect at once");
        api.note("EnableKeyRotation", "The setting and its period are kept and answered; the key material is not "
                + "rotated on the clock, so GetKeyRotationStatus gives no NextRotationDate (D59)");
        return api.build();
    }

    private static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            // Thrown after the work: the call's transaction rolls back, so nothing of it stays.
            throw KmsErrors.dryRun();
        }
    }

    private static void keys(ServiceApi.Builder api, KmsService kms, KmsAccess access) {
        api.write("CreateKey", CreateKeyRequest.class, "kms:CreateKey",
                (ctx, q) -> {
                    Map<String, String> tags = KmsShapes.tags(q.tags());
                    AccessRequirement create = KmsAccess.onAccount(ctx, "kms:CreateKey",
                            KmsConditionKeys.requestTags(tags));
                    // Tags on creation need kms:TagResource too (an IAM policy, there is no key policy yet).
                    return tags.isEmpty() ? create : create.and(KmsAccess.onAccount(ctx, "kms:TagResource",
                            KmsConditionKeys.requestTags(tags)));
                },
                (ctx, q) -> {
                    if (q.customKeyStoreId() != null || q.xksKeyId() != null) {
                        throw KmsErrors.unsupported("Strongroom does not serve custom key stores.");
                    }
                    String spec = q.keySpec() != null ? q.keySpecAsString() : q.customerMasterKeySpecAsString();
                    KmsKey key = kms.createKey(ctx.tx(), ctx.caller(), ctx.region(), new KmsService.CreateKeyInput(
                            q.policy(), q.description(), q.keyUsageAsString(), spec, q.originAsString(),
                            q.multiRegion(), Boolean.TRUE.equals(q.bypassPolicyLockoutSafetyCheck()),
                            KmsShapes.tags(q.tags())));
                    return CreateKeyResponse.builder().keyMetadata(KmsShapes.metadata(key)).build();
                });
        api.readCreating("DescribeKey", DescribeKeyRequest.class, "kms:DescribeKey",
                (ctx, q) -> access.onKey(ctx, "kms:DescribeKey", q.keyId()),
                (ctx, q) -> DescribeKeyResponse.builder().keyMetadata(KmsShapes.metadata(
                        kms.key(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId()))).build());
        api.read("ListKeys", ListKeysRequest.class, "kms:ListKeys",
                (ctx, q) -> KmsAccess.onAccount(ctx, "kms:ListKeys", Map.of()),
                (ctx, q) -> {
                    KmsService.Page<KmsKey> page = kms.listKeys(ctx.tx(), ctx.accountId(), ctx.region(), q.limit(),
                            q.marker());
                    return ListKeysResponse.builder().keys(page.items().stream().map(k -> KeyListEntry.builder()
                                    .keyId(k.keyId()).keyArn(k.arn()).build()).toList())
                            .nextMarker(page.nextMarker()).truncated(page.nextMarker() != null).build();
                });
        api.write("EnableKey", EnableKeyRequest.class, "kms:EnableKey",
                (ctx, q) -> access.onKey(ctx, "kms:EnableKey", q.keyId()),
                (ctx, q) -> {
                    kms.enableKey(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId());
                    return EnableKeyResponse.builder().build();
                });
        api.write("DisableKey", DisableKeyRequest.class, "kms:DisableKey",
                (ctx, q) -> access.onKey(ctx, "kms:DisableKey", q.keyId()),
                (ctx, q) -> {
                    kms.disableKey(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId());
                    return DisableKeyResponse.builder().build();
                });
        api.write("ScheduleKeyDeletion", ScheduleKeyDeletionRequest.class, "kms:ScheduleKeyDeletion",
                (ctx, q) -> access.onKey(ctx, "kms:ScheduleKeyDeletion", q.keyId()),
                (ctx, q) -> {
                    KmsKey key = kms.scheduleKeyDeletion(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(),
                            q.pendingWindowInDays());
                    return ScheduleKeyDeletionResponse.builder().keyId(key.arn()).deletionDate(key.deletionDate())
                            .keyState(key.state().name()).pendingWindowInDays(key.pendingWindowInDays()).build();
                });
        api.write("CancelKeyDeletion", CancelKeyDeletionRequest.class, "kms:CancelKeyDeletion",
                (ctx, q) -> access.onKey(ctx, "kms:CancelKeyDeletion", q.keyId()),
                (ctx, q) -> CancelKeyDeletionResponse.builder()
                        .keyId(kms.cancelKeyDeletion(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId()).arn())
                        .build());
        api.write("UpdateKeyDescription", UpdateKeyDescriptionRequest.class, "kms:UpdateKeyDescription",
                (ctx, q) -> access.onKey(ctx, "kms:UpdateKeyDescription", q.keyId()),
                (ctx, q) -> {
                    kms.updateKeyDescription(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.description());
                    return UpdateKeyDescriptionResponse.builder().build();
                });
        api.read("GetKeyPolicy", GetKeyPolicyRequest.class, "kms:GetKeyPolicy",
                (ctx, q) -> access.onKey(ctx, "kms:GetKeyPolicy", q.keyId()),
                (ctx, q) -> GetKeyPolicyResponse.builder().policyName("default").policy(kms.keyPolicy(ctx.tx(),
                        ctx.accountId(), ctx.region(), q.keyId(), q.policyName())).build());
        api.write("PutKeyPolicy", PutKeyPolicyRequest.class, "kms:PutKeyPolicy",
                (ctx, q) -> access.onKey(ctx, "kms:PutKeyPolicy", q.keyId()),
                (ctx, q) -> {
                    kms.putKeyPolicy(ctx.tx(), ctx.caller(), ctx.region(), q.keyId(), q.policyName(), q.policy(),
                            Boolean.TRUE.equals(q.bypassPolicyLockoutSafetyCheck()));
                    return PutKeyPolicyResponse.builder().build();
                });
        api.read("ListKeyPolicies", ListKeyPoliciesRequest.class, "kms:ListKeyPolicies",
                (ctx, q) -> access.onKey(ctx, "kms:ListKeyPolicies", q.keyId()),
                (ctx, q) -> {
                    kms.keyPolicy(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), null);
                    return ListKeyPoliciesResponse.builder().policyNames("default").truncated(false).build();
                });
        api.write("TagResource", TagResourceRequest.class, "kms:TagResource",
                (ctx, q) -> access.onKey(ctx, "kms:TagResource", q.keyId(),
                        KmsConditionKeys.requestTags(KmsShapes.tags(q.tags()))),
                (ctx, q) -> {
                    kms.tagResource(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), KmsShapes.tags(q.tags()));
                    return TagResourceResponse.builder().build();
                });
        api.write("UntagResource", UntagResourceRequest.class, "kms:UntagResource",
                (ctx, q) -> access.onKey(ctx, "kms:UntagResource", q.keyId(), q.tagKeys().isEmpty() ? Map.of()
                        : Map.of("aws:TagKeys", q.tagKeys())),
                (ctx, q) -> {
                    kms.untagResource(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.tagKeys());
                    return UntagResourceResponse.builder().build();
                });
        api.read("ListResourceTags", ListResourceTagsRequest.class, "kms:ListResourceTags",
                (ctx, q) -> access.onKey(ctx, "kms:ListResourceTags", q.keyId()),
                (ctx, q) -> {
                    var page = kms.listResourceTags(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.limit(),
                            q.marker());
                    return ListResourceTagsResponse.builder().tags(page.items().stream().map(e -> Tag.builder()
                                    .tagKey(e.getKey()).tagValue(e.getValue()).build()).toList())
                            .nextMarker(page.nextMarker()).truncated(page.nextMarker() != null).build();
                });
    }

    private static void rotation(ServiceApi.Builder api, KmsKeyRotation rotation, KmsAccess access) {
        api.read("GetKeyRotationStatus", GetKeyRotationStatusRequest.class, "kms:GetKeyRotationStatus",
                (ctx, q) -> access.onKey(ctx, "kms:GetKeyRotationStatus", q.keyId()),
                (ctx, q) -> {
                    KmsKeyRotation.Status status = rotation.status(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId());
                    return GetKeyRotationStatusResponse.builder().keyId(status.keyArn())
                            .keyRotationEnabled(status.enabled())
                            .rotationPeriodInDays(status.rotationPeriodInDays()).build();
                });
        api.write("EnableKeyRotation", EnableKeyRotationRequest.class, "kms:EnableKeyRotation",
                (ctx, q) -> access.onKey(ctx, "kms:EnableKeyRotation", q.keyId(),
                        q.rotationPeriodInDays() == null ? Map.of() : Map.of("kms:RotationPeriodInDays",
                                List.of(q.rotationPeriodInDays().toString()))),
                (ctx, q) -> {
                    rotation.enable(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.rotationPeriodInDays());
                    return EnableKeyRotationResponse.builder().build();
                });
        api.write("DisableKeyRotation", DisableKeyRotationRequest.class, "kms:DisableKeyRotation",
                (ctx, q) -> access.onKey(ctx, "kms:DisableKeyRotation", q.keyId()),
                (ctx, q) -> {
                    rotation.disable(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId());
                    return DisableKeyRotationResponse.builder().build();
                });
    }

    private static void aliases(ServiceApi.Builder api, KmsService kms, KmsAccess access) {
        api.write("CreateAlias", CreateAliasRequest.class, "kms:CreateAlias",
                (ctx, q) -> {
                    KmsService.checkAliasName(q.aliasName());
                    return access.onAlias(ctx, "kms:CreateAlias", q.aliasName(),
                            kms.key(ctx.tx(), ctx.accountId(), ctx.region(), q.targetKeyId()));
                },
                (ctx, q) -> {
                    kms.createAlias(ctx.tx(), ctx.accountId(), ctx.region(), q.aliasName(), q.targetKeyId());
                    return CreateAliasResponse.builder().build();
                });
        api.write("UpdateAlias", UpdateAliasRequest.class, "kms:UpdateAlias",
                (ctx, q) -> {
                    KmsService.checkAliasName(q.aliasName());
                    KmsKey current = kms.key(ctx.tx(), ctx.accountId(), ctx.region(),
                            kms.alias(ctx.tx(), ctx.accountId(), ctx.region(), q.aliasName()).arn());
                    return access.onAlias(ctx, "kms:UpdateAlias", q.aliasName(), current)
                            .and(access.onKey(ctx, "kms:UpdateAlias", q.targetKeyId()));
                },
                (ctx, q) -> {
                    kms.updateAlias(ctx.tx(), ctx.accountId(), ctx.region(), q.aliasName(), q.targetKeyId());
                    return UpdateAliasResponse.builder().build();
                });
        api.write("DeleteAlias", DeleteAliasRequest.class, "kms:DeleteAlias",
                (ctx, q) -> {
                    KmsService.checkAliasName(q.aliasName());
                    return access.onAlias(ctx, "kms:DeleteAlias", q.aliasName(), kms.key(ctx.tx(), ctx.accountId(),
                            ctx.region(), kms.alias(ctx.tx(), ctx.accountId(), ctx.region(), q.aliasName()).arn()));
                },
                (ctx, q) -> {
                    kms.deleteAlias(ctx.tx(), ctx.accountId(), ctx.region(), q.aliasName());
                    return DeleteAliasResponse.builder().build();
                });
        api.read("ListAliases", ListAliasesRequest.class, "kms:ListAliases",
                (ctx, q) -> KmsAccess.onAccount(ctx, "kms:ListAliases", Map.of()),
                (ctx, q) -> {
                    var page = kms.listAliases(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.limit(),
                            q.marker());
                    return ListAliasesResponse.builder().aliases(page.items().stream().map(KmsShapes::alias).toList())
                            .nextMarker(page.nextMarker()).truncated(page.nextMarker() != null).build();
                });
    }

    private static void cryptography(ServiceApi.Builder api, KmsCrypto crypto, KmsAccess access) {
        api.readCreating("Encrypt", EncryptRequest.class, "kms:Encrypt",
                (ctx, q) -> access.onKey(ctx, "kms:Encrypt", q.keyId(), KmsAccess.crypto(q.encryptionContext())),
                (ctx, q) -> {
                    KmsCrypto.Encrypted out = crypto.encrypt(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(),
                            q.plaintext() == null ? null : q.plaintext().asByteArrayUnsafe(),
                            KmsShapes.context(q.encryptionContext()), q.encryptionAlgorithmAsString());
                    dryRun(q.dryRun());
                    return EncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(out.ciphertextBlob()))
                            .keyId(out.keyArn()).encryptionAlgorithm("SYMMETRIC_DEFAULT").build();
                });
        api.read("Decrypt", DecryptRequest.class, "kms:Decrypt",
                (ctx, q) -> access.onKey(ctx, "kms:Decrypt", crypto.keyOf(ctx.tx(), ctx.region(), blob(q
                        .ciphertextBlob())), KmsAccess.crypto(q.encryptionContext())),
                (ctx, q) -> {
                    KmsCrypto.Decrypted out = crypto.decrypt(ctx.tx(), ctx.accountId(), ctx.region(),
                            blob(q.ciphertextBlob()), KmsShapes.context(q.encryptionContext()), q.keyId(),
                            q.encryptionAlgorithmAsString());
                    dryRun(q.dryRun());
                    return DecryptResponse.builder().keyId(out.keyArn())
                            .plaintext(SdkBytes.fromByteArrayUnsafe(out.plaintext()))
                            .encryptionAlgorithm("SYMMETRIC_DEFAULT").build();
                });
        api.readCreating("ReEncrypt", ReEncryptRequest.class, "kms:ReEncrypt",
                (ctx, q) -> access.onKey(ctx, "kms:ReEncryptFrom", crypto.keyOf(ctx.tx(), ctx.region(),
                                blob(q.ciphertextBlob())), KmsAccess.crypto(q.sourceEncryptionContext()))
                        .and(access.onKey(ctx, "kms:ReEncryptTo", q.destinationKeyId(),
                                KmsAccess.crypto(q.destinationEncryptionContext()))),
                (ctx, q) -> {
                    KmsCrypto.ReEncrypted out = crypto.reEncrypt(ctx.tx(), ctx.accountId(), ctx.region(),
                            blob(q.ciphertextBlob()), KmsShapes.context(q.sourceEncryptionContext()), q.sourceKeyId(),
                            q.destinationKeyId(), KmsShapes.context(q.destinationEncryptionContext()));
                    dryRun(q.dryRun());
                    return ReEncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(out.ciphertextBlob()))
                            .sourceKeyId(out.sourceKeyArn()).keyId(out.keyArn())
                            .sourceEncryptionAlgorithm("SYMMETRIC_DEFAULT")
                            .destinationEncryptionAlgorithm("SYMMETRIC_DEFAULT").build();
                });
        api.readCreating("GenerateDataKey", GenerateDataKeyRequest.class, "kms:GenerateDataKey",
                (ctx, q) -> access.onKey(ctx, "kms:GenerateDataKey", q.keyId(),
                        KmsAccess.crypto(q.encryptionContext())),
                (ctx, q) -> {
                    KeyService.DataKey out = crypto.generateDataKey(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.keyId(), q.keySpecAsString(), q.numberOfBytes(), KmsShapes.context(q.encryptionContext()));
                    dryRun(q.dryRun());
                    return GenerateDataKeyResponse.builder().keyId(out.keyArn())
                            .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(out.ciphertextBlob()))
                            .plaintext(SdkBytes.fromByteArrayUnsafe(out.plaintext())).build();
                });
        api.readCreating("GenerateDataKeyWithoutPlaintext", GenerateDataKeyWithoutPlaintextRequest.class,
                "kms:GenerateDataKeyWithoutPlaintext",
                (ctx, q) -> access.onKey(ctx, "kms:GenerateDataKeyWithoutPlaintext", q.keyId(),
                        KmsAccess.crypto(q.encryptionContext())),
                (ctx, q) -> {
                    KeyService.DataKey out = crypto.generateDataKey(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.keyId(), q.keySpecAsString(), q.numberOfBytes(), KmsShapes.context(q.encryptionContext()));
                    dryRun(q.dryRun());
                    return GenerateDataKeyWithoutPlaintextResponse.builder().keyId(out.keyArn())
                            .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(out.ciphertextBlob())).build();
                });
        api.read("GenerateRandom", GenerateRandomRequest.class, "kms:GenerateRandom",
                (ctx, q) -> KmsAccess.onAccount(ctx, "kms:GenerateRandom", Map.of()),
                (ctx, q) -> {
                    if (q.customKeyStoreId() != null) {
                        throw KmsErrors.unsupported("Strongroom does not serve custom key stores.");
                    }
                    return GenerateRandomResponse.builder()
                            .plaintext(SdkBytes.fromByteArrayUnsafe(crypto.generateRandom(q.numberOfBytes()))).build();
                });
    }

    private static byte[] blob(SdkBytes bytes) {
        return bytes == null ? null : bytes.asByteArrayUnsafe();
    }

    private static void grants(ServiceApi.Builder api, KmsService kms, KmsGrants grants, KmsAccess access) {
        api.write("CreateGrant", CreateGrantRequest.class, "kms:CreateGrant",
                (ctx, q) -> {
                    Map<String, List<String>> keys = new LinkedHashMap<>();
                    if (q.granteePrincipal() != null) {
                        keys.put("kms:GranteePrincipal", List.of(q.granteePrincipal()));
                    }
                    if (q.retiringPrincipal() != null) {
                        keys.put("kms:RetiringPrincipal", List.of(q.retiringPrincipal()));
                    }
                    keys.put("kms:GrantOperations", q.operationsAsStrings());
                    keys.put("kms:GrantIsForAWSResource", List.of("false"));
                    return access.onKey(ctx, "kms:CreateGrant", kms.keyByIdOrArn(ctx.tx(), ctx.accountId(),
                            ctx.region(), q.keyId()), keys);
                },
                (ctx, q) -> {
                    GrantConstraints c = q.constraints();
                    KmsGrant grant = grants.createGrant(ctx.tx(), ctx.accountId(), ctx.region(),
                            new KmsGrants.CreateGrantInput(q.keyId(), q.granteePrincipal(), q.retiringPrincipal(),
                                    q.operationsAsStrings(), c == null || !c.hasEncryptionContextSubset() ? null
                                    : c.encryptionContextSubset(), c == null || !c.hasEncryptionContextEquals() ? null
                                    : c.encryptionContextEquals(), q.name()));
                    dryRun(q.dryRun());
                    return CreateGrantResponse.builder().grantId(grant.grantId()).grantToken(grant.grantId()).build();
                });
        api.read("ListGrants", ListGrantsRequest.class, "kms:ListGrants",
                (ctx, q) -> access.onKey(ctx, "kms:ListGrants", kms.keyByIdOrArn(ctx.tx(), ctx.accountId(),
                        ctx.region(), q.keyId()), Map.of()),
                (ctx, q) -> {
                    var page = grants.listGrants(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.grantId(),
                            q.granteePrincipal(), q.limit(), q.marker());
                    return ListGrantsResponse.builder().grants(page.items().stream().map(KmsShapes::grant).toList())
                            .nextMarker(page.nextMarker()).truncated(page.nextMarker() != null).build();
                });
        api.write("RevokeGrant", RevokeGrantRequest.class, "kms:RevokeGrant",
                (ctx, q) -> access.onKey(ctx, "kms:RevokeGrant", kms.keyByIdOrArn(ctx.tx(), ctx.accountId(),
                        ctx.region(), q.keyId()), Map.of()),
                (ctx, q) -> {
                    grants.revokeGrant(ctx.tx(), ctx.accountId(), ctx.region(), q.keyId(), q.grantId());
                    dryRun(q.dryRun());
                    return RevokeGrantResponse.builder().build();
                });
        // RetireGrant's permission is the grant itself (retiring principal, or a grantee it allows): the engine checks.
        api.write("RetireGrant", RetireGrantRequest.class, "kms:RetireGrant",
                (ctx, q) -> AccessRequirement.unrestricted("kms:RetireGrant"),
                (ctx, q) -> {
                    grants.retireGrant(ctx.tx(), ctx.caller(), ctx.region(), q.grantToken(), q.keyId(), q.grantId());
                    dryRun(q.dryRun());
                    return RetireGrantResponse.builder().build();
                });
    }
}
