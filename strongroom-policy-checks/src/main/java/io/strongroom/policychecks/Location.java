package io.strongroom.policychecks;

import java.util.List;

/** Where in the document a finding is: the JSON path and the text span. */
public record Location(List<PathElement> path, Span span) {
    public Location {
        path = List.copyOf(path);
    }
}
