package io.strongroom.ec2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** EC2's instance types (the list shipped in {@code instance-types.txt}) and the architecture of each. */
final class InstanceTypes {
    /** Graviton families: a generation digit followed by {@code g} (t4g, m7gd, c6gn, im4gn), and a1. */
    private static final Pattern ARM = Pattern.compile("(a1|[a-z]+\\d+g[a-z0-9-]*)\\..*");
    private static final Set<String> ALL = load();

    private InstanceTypes() {
    }

    static boolean exists(String type) {
        return ALL.contains(type);
    }

    static String architecture(String type) {
        return ARM.matcher(type).matches() ? "arm64" : "x86_64";
    }

    /** Mac instances run only on Dedicated Hosts, which are not served. */
    static boolean needsDedicatedHost(String type) {
        return type.startsWith("mac");
    }

    private static Set<String> load() {
        try (InputStream in = InstanceTypes.class.getResourceAsStream("instance-types.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource instance-types.txt");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
