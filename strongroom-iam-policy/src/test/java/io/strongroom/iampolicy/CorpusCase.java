package io.strongroom.iampolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** One named case of a corpus file; a file holds {@code {"cases": [...]}}. */
record CorpusCase(String file, String name, JsonNode spec) {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return file + ": " + name;
    }

    static List<CorpusCase> load() {
        URL url = CorpusCase.class.getClassLoader().getResource("corpus");
        if (url == null) {
            throw new IllegalStateException("no corpus directory");
        }
        List<CorpusCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(Paths.get(url.toURI()))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (JsonNode spec : JSON.readTree(in).get("cases")) {
                        CorpusCase c = new CorpusCase(file.getFileName().toString(), spec.get("name").asText(), spec);
                        if (!names.add(c.toString())) {
                            throw new IllegalStateException("duplicate case name " + c);
                        }
                        cases.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return cases;
    }

    /** Policy content is either a JSON object (serialized compactly) or a string used verbatim. */
    static String content(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
