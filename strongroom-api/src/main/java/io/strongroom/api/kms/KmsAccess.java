package io.strongroom.api.kms;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.engine.kms.KmsConditionKeys;
import io.strongroom.engine.kms.KmsKey;
import io.strongroom.engine.kms.KmsService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What KMS calls need from the Authorizer. KMS resolves the key an identifier names before it authorizes (an
 * unknown key is NotFoundException whoever asks, decision D35), then asks for the action on the key's ARN,
 * where the key policy applies.
 */
final class KmsAccess {
    private final KmsService kms;

    KmsAccess(KmsService kms) {
        this.kms = kms;
    }

    /** {@code action} on the key {@code identifier} names, with the key's and the request's condition keys. */
    AccessRequirement onKey(CallContext ctx, String action, String identifier, Map<String, List<String>> more) {
        return onKey(ctx, action, kms.key(ctx.tx(), ctx.accountId(), ctx.region(), identifier), more);
    }

    AccessRequirement onKey(CallContext ctx, String action, KmsKey key, Map<String, List<String>> more) {
        Map<String, List<String>> keys = new LinkedHashMap<>(KmsConditionKeys.forKey(ctx.accountId(), key,
                kms.aliasesOf(ctx.tx(), key)));
        keys.putAll(more);
        return new AccessRequirement(List.of(action), List.of(key.arn()), keys, false);
    }

    AccessRequirement onKey(CallContext ctx, String action, String identifier) {
        return onKey(ctx, action, identifier, Map.of());
    }

    /** An action on no particular key (CreateKey, ListKeys, ListAliases, GenerateRandom): IAM policies decide. */
    static AccessRequirement onAccount(CallContext ctx, String action, Map<String, List<String>> more) {
        Map<String, List<String>> keys = new LinkedHashMap<>(KmsConditionKeys.caller(ctx.accountId()));
        keys.putAll(more);
        return new AccessRequirement(List.of(action), List.of("*"), keys, false);
    }

    /** An alias action: on the alias (IAM policies) and on its key (the key policy), as KMS requires both. */
    AccessRequirement onAlias(CallContext ctx, String action, String aliasName, KmsKey key) {
        String aliasArn = "arn:aws:kms:" + ctx.region() + ":" + ctx.accountId() + ":" + aliasName;
        return new AccessRequirement(List.of(action), List.of(aliasArn), KmsConditionKeys.caller(ctx.accountId()),
                false).and(onKey(ctx, action, key, Map.of()));
    }

    static Map<String, List<String>> crypto(Map<String, String> context) {
        Map<String, List<String>> keys = new LinkedHashMap<>(KmsConditionKeys.encryptionContext(context));
        keys.put("kms:EncryptionAlgorithm", List.of("SYMMETRIC_DEFAULT"));
        return keys;
    }
}
