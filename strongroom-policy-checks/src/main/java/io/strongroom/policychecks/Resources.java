package io.strongroom.policychecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The module's data files. */
final class Resources {
    private Resources() {
    }

    static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = Resources.class.getResourceAsStream("/io/strongroom/policychecks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
