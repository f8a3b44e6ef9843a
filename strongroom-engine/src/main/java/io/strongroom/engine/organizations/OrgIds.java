package io.strongroom.engine.organizations;

import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.storage.Tx;

import java.math.BigInteger;

/** Organizations' id formats (spec 1.1), drawn from the seeded id generator. */
final class OrgIds {
    private final IdGenerator ids;

    OrgIds(IdGenerator ids) {
        this.ids = ids;
    }

    String organization(Tx tx) {
        return "o-" + ids.hex(tx, 10);
    }

    String root(Tx tx) {
        return "r-" + ids.hex(tx, 4);
    }

    /** OU ids embed the root's suffix: root r-7hq2 → ou-7hq2-xxxxxxxx. */
    String ou(Tx tx, String rootId) {
        return "ou-" + rootId.substring(2) + "-" + ids.hex(tx, 8);
    }

    /** p- plus ten lower-case alphanumerics, which satisfies both the id and the ARN pattern. */
    String policy(Tx tx) {
        return "p-" + ids.hex(tx, 10);
    }

    String createAccountRequest(Tx tx) {
        return "car-" + ids.hex(tx, 32);
    }

    /** Twelve digits, never starting with 0 so it reads as an account id everywhere. */
    String account(Tx tx) {
        BigInteger n = new BigInteger(ids.hex(tx, 16), 16).mod(BigInteger.valueOf(900_000_000_000L));
        return Long.toString(100_000_000_000L + n.longValue());
    }
}
