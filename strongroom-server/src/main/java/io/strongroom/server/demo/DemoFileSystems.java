package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** EFS file systems with a few files in their directories (written through the admin API's EFS files). */
final class DemoFileSystems {
    private final DemoClients clients;

    DemoFileSystems(DemoClients clients) {
        this.clients = clients;
    }

    /** A file system named {@code name} (its creation token too); tier null: untagged. */
    void create(AwsCredentials root, String name, String tier, Map<String, String> files) {
        List<Tag> tags = DemoResources.nameAndTier(name, tier).entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        String id;
        try (EfsClient efs = clients.client(EfsClient.builder(), root)) {
            id = efs.createFileSystem(r -> r.creationToken(name).tags(tags)).fileSystemId();
        }
        files.forEach((path, content) -> clients.writeFile(id, path, content.getBytes(StandardCharsets.UTF_8)));
    }
}
