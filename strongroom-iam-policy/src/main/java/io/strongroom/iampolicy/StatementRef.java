package io.strongroom.iampolicy;

/** Which statement decided: its Sid when it has a non-empty one, else its zero-based index. */
public record StatementRef(int index, String sid) {
    public String label() {
        return sid != null && !sid.isEmpty() ? sid : "#" + index;
    }
}
