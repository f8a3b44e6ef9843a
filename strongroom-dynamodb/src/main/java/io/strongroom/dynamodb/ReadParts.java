package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.Condition;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.ExpressionParser;
import io.strongroom.dynamodb.expression.Path;

import java.util.List;
import java.util.Map;

/**
 * What a Query or Scan asks beyond its keys (filter, projection, Select, Limit), checked in AWS's order, and what
 * it then shows of each item it reads.
 *
 * @param index      the index read, null for the table itself
 * @param filter     null when there is none
 * @param projection null when there is none
 * @param limit      Integer.MAX_VALUE when there is none
 */
record ReadParts(Table table, SecondaryIndex index, Condition filter, List<Path> projection, String select,
                 int limit) {
    static final String ALL_ATTRIBUTES = "ALL_ATTRIBUTES";
    static final String ALL_PROJECTED_ATTRIBUTES = "ALL_PROJECTED_ATTRIBUTES";
    static final String SPECIFIC_ATTRIBUTES = "SPECIFIC_ATTRIBUTES";

    static ReadParts of(Table table, SecondaryIndex index, Inputs.Read in) {
        Condition filter = in.filterExpression() == null ? null
                : ExpressionParser.condition(in.filterExpression(), "FilterExpression", in.attributes());
        List<Path> projection = in.projectionExpression() == null ? null
                : ExpressionParser.projection(in.projectionExpression(), in.attributes());
        in.attributes().requireAllUsed();
        if (in.limit() != null && in.limit() < 1) {
            throw DynamoDbErrors.constraint(String.valueOf(in.limit()), "limit",
                    "Member must have value greater than or equal to 1");
        }
        String select = in.select() != null ? in.select() : projection != null ? SPECIFIC_ATTRIBUTES
                : index == null ? ALL_ATTRIBUTES : ALL_PROJECTED_ATTRIBUTES;
        if (projection != null && !select.equals(SPECIFIC_ATTRIBUTES)) {
            throw DynamoDbErrors.validation("Cannot specify the ProjectionExpression when choosing to get "
                    + select);
        }
        if (index != null && index.global() && !index.projectsAll() && select.equals(ALL_ATTRIBUTES)) {
            throw DynamoDbErrors.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary "
                    + "index " + index.name() + " because its projection type is not " + SecondaryIndex.ALL);
        }
        return new ReadParts(table, index, filter, projection, select,
                in.limit() == null ? Integer.MAX_VALUE : in.limit());
    }

    boolean counts() {
        return select.equals("COUNT");
    }

    /**
     * The item as the read sees it: a GSI holds only its projected attributes; an LSI fetches the rest from the
     * table when the read asks for all attributes, or names them.
     */
    Map<String, AttributeValue> seen(Map<String, AttributeValue> item) {
        if (index == null || index.projectsAll()) {
            return item;
        }
        boolean fetches = !index.global() && (select.equals(ALL_ATTRIBUTES) || projection != null || filter != null);
        return fetches ? item : index.project(table, item);
    }

    boolean matches(Map<String, AttributeValue> seen) {
        return filter == null || Evaluator.matches(filter, seen);
    }

    /** What the answer holds of a matching item. */
    Map<String, AttributeValue> shown(Map<String, AttributeValue> seen) {
        if (projection != null) {
            return Evaluator.project(seen, projection);
        }
        if (index != null && !index.projectsAll() && select.equals(ALL_PROJECTED_ATTRIBUTES)) {
            return index.project(table, seen);
        }
        return seen;
    }
}
