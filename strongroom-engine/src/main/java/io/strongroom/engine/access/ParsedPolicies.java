package io.strongroom.engine.access;

import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Parsed policy documents, remembered by their text: every call consults the same few SCPs and
 * identity policies, and parsing them each time would cost more than evaluating them.
 */
final class ParsedPolicies {
    private static final Logger LOG = Logger.getLogger(ParsedPolicies.class.getName());
    private static final int CAPACITY = 4096;

    private record Key(PolicyKind kind, String json) {
    }

    private final Map<Key, Optional<PolicyDocument>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<PolicyDocument>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The parsed document; empty (and logged) for a stored document that no longer parses. */
    synchronized Optional<PolicyDocument> get(PolicyKind kind, String json) {
        return cache.computeIfAbsent(new Key(kind, json), k -> {
            try {
                return Optional.of(PolicyDocument.parse(json, kind));
            } catch (RuntimeException e) {
                // A document accepted before validation tightened: it can grant nothing.
                LOG.warning("stored " + kind + " policy does not parse and is ignored: " + e.getMessage());
                return Optional.empty();
            }
        });
    }
}
