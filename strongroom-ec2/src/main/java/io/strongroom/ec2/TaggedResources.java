package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One kind of EC2 resource that CreateTags, DeleteTags and DescribeTags reach (volumes, instances). */
public interface TaggedResources {
    /** The id prefix of this kind ({@code vol-}, {@code i-}). */
    String idPrefix();

    /** DescribeTags' {@code resource-type} of this kind ({@code volume}, {@code instance}). */
    String resourceType();

    /** The tags of one resource of the caller's, by id or ARN; malformed or unknown ids fail as EC2 answers. */
    Map<String, String> tagsOf(Tx tx, String account, String region, String id);

    void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags);

    /** Every taggable resource of this kind in the account and Region, by id. */
    List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region);

    /** For the Tagging API and AWS Backup: adds or replaces tags on the resource an ARN (or id) names. */
    default void tag(Tx tx, String account, String region, String arn, Map<String, String> tags) {
        TagRules.validate(tags);
        Map<String, String> merged = new TreeMap<>(tagsOf(tx, account, region, arn));
        merged.putAll(tags);
        replaceTags(tx, account, region, arn, merged);
    }

    /** Removes tags; absent keys are ignored. */
    default void untag(Tx tx, String account, String region, String arn, List<String> keys) {
        Map<String, String> remaining = new TreeMap<>(tagsOf(tx, account, region, arn));
        (keys == null ? List.<String>of() : keys).forEach(remaining::remove);
        replaceTags(tx, account, region, arn, remaining);
    }
}
