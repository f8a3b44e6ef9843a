package io.strongroom.wire.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** The data tables shipped with the module (generated from botocore, plus hand-kept patches). */
public final class ModelTables {
    private static final ModelTables INSTANCE = new ModelTables();

    private final Properties facts = load("model-facts.properties");
    private final Properties patches = load("model-patches.properties");
    private final Properties statuses = load("error-status.properties");
    private final Properties statusOverrides = load("error-status-overrides.properties");

    private ModelTables() {
    }

    public static ModelTables get() {
        return INSTANCE;
    }

    public Optional<String> fact(String service, String key) {
        String v = patches.getProperty(service + "." + key);
        return Optional.ofNullable(v != null ? v : facts.getProperty(service + "." + key));
    }

    public Optional<String> operationFact(String service, String operation, String key) {
        return fact(service, operation + "." + key);
    }

    /** Hand overrides for this service, then the botocore model, then hand overrides for every service. */
    public Optional<Integer> errorStatus(String service, String code) {
        String v = statusOverrides.getProperty(service + "." + code);
        if (v == null) {
            v = statuses.getProperty(service + "." + code);
        }
        if (v == null) {
            v = statusOverrides.getProperty("*." + code);
        }
        return Optional.ofNullable(v).map(Integer::valueOf);
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = ModelTables.class.getResourceAsStream("/io/strongroom/wire/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
