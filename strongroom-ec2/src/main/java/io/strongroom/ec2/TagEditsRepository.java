package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts' {@link TagEdits} of one kind of resource, each kind in its own collection, keyed by account, Region
 * and resource id (D118, D122). Beside them, one mark per account and Region that has ever kept edits of either kind,
 * so that forgetting a recovery point's edits costs one keyed read where the account has none.
 */
public final class TagEditsRepository {
    /** Edits of images: AWS Backup's AMIs and the catalogue's public images. */
    public static final TagEditsRepository IMAGES = new TagEditsRepository("ec2.image-tag-edits");
    /** Edits of snapshots: AWS Backup's EBS recovery points and the snapshots behind its AMIs. */
    public static final TagEditsRepository SNAPSHOTS = new TagEditsRepository("ec2.snapshot-tag-edits");

    private static final Collection<String> MARKS = new Collection<>("ec2.tag-edits-accounts",
            Ec2Codecs.TAG_EDITS_MARK);

    private final Collection<TagEdits> edits;

    private TagEditsRepository(String collection) {
        this.edits = new Collection<>(collection, Ec2Codecs.TAG_EDITS);
    }

    public Optional<TagEdits> get(Tx tx, String account, String region, String resourceId) {
        return edits.get(tx, TagEdits.key(account, region, resourceId));
    }

    /** Every edit of the account in the Region, by resource id. */
    public Map<String, TagEdits> byResource(Tx tx, String account, String region) {
        Map<String, TagEdits> out = new HashMap<>();
        edits.list(tx, TagEdits.prefix(account, region)).forEach(e -> out.put(e.resourceId(), e));
        return out;
    }

    /** Stores the edits; edits that change nothing are not kept. */
    public void save(Tx tx, TagEdits value) {
        if (value.isEmpty()) {
            edits.delete(tx, value.key());
        } else {
            edits.put(tx, value.key(), value);
            String mark = TagEdits.prefix(value.accountId(), value.region());
            if (MARKS.get(tx, mark).isEmpty()) {
                MARKS.put(tx, mark, mark);
            }
        }
    }

    /**
     * Whether the account may have edits of images or snapshots in the Region: false when it never kept any. One
     * keyed read; the mark stays once written.
     */
    public static boolean mayHaveEdits(Tx tx, String account, String region) {
        return MARKS.get(tx, TagEdits.prefix(account, region)).isPresent();
    }

    /** Forgets the account's edits of a resource that is gone; one keyed delete. */
    public void delete(Tx tx, String account, String region, String resourceId) {
        edits.delete(tx, TagEdits.key(account, region, resourceId));
    }
}
