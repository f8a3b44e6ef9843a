package io.strongroom.sigv4;

import java.util.ArrayList;
import java.util.List;

/** The {@code SignedHeaders} list, which must cover the host (spec 9.2). */
final class SignedHeaderList {
    private SignedHeaderList() {
    }

    static List<String> parse(String value) throws SigV4Exception {
        List<String> names = new ArrayList<>();
        for (String name : value.split(";", -1)) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (!names.contains("host") && !names.contains(":authority")) {
            throw SigV4Errors.hostNotSigned();
        }
        return names;
    }
}
