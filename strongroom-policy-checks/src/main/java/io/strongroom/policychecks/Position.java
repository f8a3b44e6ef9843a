package io.strongroom.policychecks;

/** A place in the policy text: line from 1, column from 0, offset in characters from 0 (as Access Analyzer counts). */
public record Position(int line, int column, int offset) {
}
