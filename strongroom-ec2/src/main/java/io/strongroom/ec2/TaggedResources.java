package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;

/** One kind of EC2 resource that CreateTags, DeleteTags and DescribeTags reach (volumes, instances). */
interface TaggedResources {
    /** The id prefix of this kind ({@code vol-}, {@code i-}). */
    String idPrefix();

    /** DescribeTags' {@code resource-type} of this kind ({@code volume}, {@code instance}). */
    String resourceType();

    /** The tags of one resource of the caller's; malformed or unknown ids fail as EC2 answers them. */
    Map<String, String> tagsOf(Tx tx, String account, String region, String id);

    void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags);

    /** Every taggable resource of this kind in the account and Region, by id. */
    List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region);
}
