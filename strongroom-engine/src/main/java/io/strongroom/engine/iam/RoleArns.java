package io.strongroom.engine.iam;

import java.util.Optional;

/** Reading role ARNs: arn:aws:iam::ACCOUNT:role/PATH/NAME. */
public final class RoleArns {
    private RoleArns() {
    }

    /** Account, path ("/" or "/a/b/") and name of a role ARN; empty when it is not one. */
    public static Optional<String[]> parse(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:iam::") || arn.length() < 26) {
            return Optional.empty();
        }
        String account = arn.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
        String rest = arn.substring("arn:aws:iam::".length() + 12);
        if (!account.matches("\\d{12}") || !rest.startsWith(":role/")) {
            return Optional.empty();
        }
        String pathAndName = rest.substring(":role".length());
        int slash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(slash + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[]{account, pathAndName.substring(0, slash + 1), name});
    }
}
