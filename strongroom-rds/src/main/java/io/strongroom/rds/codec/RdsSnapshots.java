package io.strongroom.rds.codec;

import io.strongroom.json.JsonCodec;
import io.strongroom.rds.DbCluster;
import io.strongroom.rds.DbInstance;

/**
 * The snapshot format the backup engine keeps for a DB instance or an Aurora cluster: the configuration and a
 * SQL script of the whole database (H2's {@code SCRIPT}: schema, rows, users with their password hashes).
 */
public final class RdsSnapshots {
    private static final int VERSION = 1;

    private RdsSnapshots() {
    }

    /** Exactly one of {@code instance} and {@code cluster} is set. */
    public record Data(int v, DbInstance instance, DbCluster cluster, String script) {
    }

    public static byte[] write(DbInstance instance, DbCluster cluster, String script) {
        return JsonCodec.write(new Data(VERSION, instance, cluster, script));
    }

    public static Data read(byte[] bytes) {
        Data d = JsonCodec.read(bytes, Data.class);
        if (d.v() != VERSION) {
            throw new IllegalStateException("RDS snapshot of format " + d.v() + ", this server reads format "
                    + VERSION);
        }
        return d;
    }
}
