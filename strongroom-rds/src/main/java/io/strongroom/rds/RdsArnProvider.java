package io.strongroom.rds;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;

/** What the RDS and Aurora providers share: ARNs {@code arn:aws:rds:region:account:<type>:id}, tags by ARN. */
abstract class RdsArnProvider implements ResourceProvider {
    protected final RdsService rds;
    private final String arnType;

    RdsArnProvider(RdsService rds, String arnType) {
        this.rds = rds;
        this.arnType = arnType;
    }

    /** region, account and identifier of an ARN this provider owns; null otherwise. */
    protected final String[] parts(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:rds:")) {
            return null;
        }
        String[] p = arn.split(":", 7);
        return p.length == 7 && p[5].equals(arnType) ? new String[]{p[3], p[4], p[6]} : null;
    }

    @Override
    public final boolean owns(String arn) {
        return parts(arn) != null;
    }

    @Override
    public final void tag(Tx tx, String arn, Map<String, String> tags) {
        String[] p = parts(arn);
        rds.addTags(tx, p[1], p[0], arn, tags);
    }

    @Override
    public final void untag(Tx tx, String arn, List<String> keys) {
        String[] p = parts(arn);
        rds.removeTags(tx, p[1], p[0], arn, keys);
    }
}
