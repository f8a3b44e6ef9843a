package io.strongroom.engine.backup;

import java.util.List;

/** Where a vault's events go (stored; delivered once jobs emit events). */
public record VaultNotifications(String snsTopicArn, List<String> events) {
    public VaultNotifications {
        events = List.copyOf(events);
    }
}
