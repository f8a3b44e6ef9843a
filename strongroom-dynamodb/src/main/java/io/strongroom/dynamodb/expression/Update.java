package io.strongroom.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions in the order written. */
public record Update(List<Action> actions) {
    public Update {
        actions = List.copyOf(actions);
    }

    public sealed interface Action {
        Path path();
    }

    public record Set(Path path, Operand value) implements Action {
    }

    public record Remove(Path path) implements Action {
    }

    public record Add(Path path, Operand value) implements Action {
    }

    public record Delete(Path path, Operand value) implements Action {
    }

    public List<Path> paths() {
        List<Path> out = new ArrayList<>();
        actions.forEach(a -> out.add(a.path()));
        return out;
    }
}
