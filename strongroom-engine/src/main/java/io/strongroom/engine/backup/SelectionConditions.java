package io.strongroom.engine.backup;

import java.util.List;
import java.util.stream.Stream;

/** A selection's Conditions: every entry of every list must hold (AND), as IAM conditions do. */
public record SelectionConditions(List<ConditionParameter> stringEquals, List<ConditionParameter> stringNotEquals,
                                  List<ConditionParameter> stringLike, List<ConditionParameter> stringNotLike) {
    public static final SelectionConditions NONE = new SelectionConditions(null, null, null, null);

    public SelectionConditions {
        stringEquals = stringEquals == null ? List.of() : List.copyOf(stringEquals);
        stringNotEquals = stringNotEquals == null ? List.of() : List.copyOf(stringNotEquals);
        stringLike = stringLike == null ? List.of() : List.copyOf(stringLike);
        stringNotLike = stringNotLike == null ? List.of() : List.copyOf(stringNotLike);
    }

    public int size() {
        return stringEquals.size() + stringNotEquals.size() + stringLike.size() + stringNotLike.size();
    }

    Stream<ConditionParameter> all() {
        return Stream.of(stringEquals, stringNotEquals, stringLike, stringNotLike).flatMap(List::stream);
    }
}
