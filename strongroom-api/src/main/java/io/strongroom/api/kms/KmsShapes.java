package io.strongroom.api.kms;

import io.strongroom.engine.kms.KmsAlias;
import io.strongroom.engine.kms.KmsGrant;
import io.strongroom.engine.kms.KmsKey;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GrantConstraints;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine records to KMS's SDK shapes and back. */
final class KmsShapes {
    private KmsShapes() {
    }

    static KeyMetadata metadata(KmsKey k) {
        return KeyMetadata.builder().awsAccountId(k.accountId()).keyId(k.keyId()).arn(k.arn())
                .creationDate(k.created()).enabled(k.enabled()).description(k.description())
                .keyUsage("ENCRYPT_DECRYPT").keyState(k.state().name()).deletionDate(k.deletionDate())
                .pendingDeletionWindowInDays(k.pendingWindowInDays()).origin("AWS_KMS")
                .keyManager(k.awsManaged() ? "AWS" : "CUSTOMER").customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .keySpec("SYMMETRIC_DEFAULT").encryptionAlgorithmsWithStrings("SYMMETRIC_DEFAULT")
                .multiRegion(false).build();
    }

    static AliasListEntry alias(KmsAlias a) {
        return AliasListEntry.builder().aliasName(a.aliasName()).aliasArn(a.arn()).targetKeyId(a.targetKeyId())
                .creationDate(a.created()).lastUpdatedDate(a.lastUpdated()).build();
    }

    static GrantListEntry grant(KmsGrant g) {
        GrantConstraints constraints = g.contextSubset() == null && g.contextEquals() == null ? null
                : GrantConstraints.builder().encryptionContextSubset(g.contextSubset())
                .encryptionContextEquals(g.contextEquals()).build();
        return GrantListEntry.builder().keyId(g.keyArn()).grantId(g.grantId()).name(g.name())
                .creationDate(g.created()).granteePrincipal(g.granteePrincipal())
                .retiringPrincipal(g.retiringPrincipal()).issuingAccount("arn:aws:iam::" + g.issuingAccount() + ":root")
                .operationsWithStrings(g.operations()).constraints(constraints).build();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.tagKey(), t.tagValue()));
        }
        return out;
    }

    /** A context the caller did not send is an empty one (the SDK's auto-constructed map). */
    static Map<String, String> context(Map<String, String> context) {
        return context == null ? Map.of() : context;
    }
}
