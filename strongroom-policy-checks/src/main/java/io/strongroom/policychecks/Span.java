package io.strongroom.policychecks;

/** A range of the policy text; {@code end} is just past the last character (a JSON string includes its quotes). */
public record Span(Position start, Position end) {
}
