package io.strongroom.orgpolicy;

import java.util.List;
import java.util.Optional;

/**
 * Why the effective policy looks as it does: for every key of the document, who created and changed it, and every
 * operation that was dropped with the lock or rule that dropped it. Records only, so the server can render JSON.
 */
public record Explanation(List<KeyExplanation> keys, List<IgnoredOperation> ignored) {
    public static final Explanation NONE = new Explanation(List.of(), List.of());

    public Explanation {
        keys = List.copyOf(keys);
        ignored = List.copyOf(ignored);
    }

    public Optional<KeyExplanation> key(String dottedPath) {
        return keys.stream().filter(k -> k.path().equals(dottedPath)).findFirst();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (KeyExplanation key : keys) {
            text.append(key.path());
            if (key.operations().isEmpty()) {
                text.append("  (added by ").append(key.createdBy()).append(")\n");
                continue;
            }
            text.append('\n');
            for (Contribution step : key.operations()) {
                text.append("    ").append(step).append('\n');
            }
        }
        if (!ignored.isEmpty()) {
            text.append("ignored:\n");
            for (IgnoredOperation op : ignored) {
                text.append("    ").append(op).append('\n');
            }
        }
        return text.toString();
    }
}
