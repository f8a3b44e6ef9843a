package io.strongroom.dynamodb;

import io.strongroom.dynamodb.expression.Condition;
import io.strongroom.dynamodb.expression.Evaluator;
import io.strongroom.dynamodb.expression.Operand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store-key range a Query reads: one partition's prefix (narrowed further by begins_with), and
 * exclusive lower and upper keys from the sort-key condition (null when open).
 */
record KeyRange(String prefix, String lowerExclusive, String upperExclusive, AttributeValue partition) {

    static KeyRange whole(Table table) {
        return new KeyRange(KeyEncoding.tablePrefix(table.tableId()), null, null, null);
    }

    static KeyRange of(Table table, Condition condition) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        Condition partitionPart = null;
        Condition sortPart = null;
        for (Condition part : parts) {
            String attribute = attributeOf(part);
            if (attribute.equals(table.hashKey().name())) {
                if (partitionPart != null) {
                    throw onePerKey();
                }
                partitionPart = part;
            } else if (table.rangeKey() != null && attribute.equals(table.rangeKey().name())) {
                if (sortPart != null) {
                    throw onePerKey();
                }
                sortPart = part;
            } else if (parts.size() == 1) {
                throw DynamoDbErrors.validation("Query condition missed key schema element: " + table.hashKey().name());
            } else {
                throw DynamoDbErrors.validation("Query condition missed key schema element: "
                        + (partitionPart == null && !attribute.equals(table.hashKey().name())
                        ? table.hashKey().name() : attribute));
            }
        }
        if (partitionPart == null) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + table.hashKey().name());
        }
        if (!(partitionPart instanceof Condition.Compare c) || !c.operator().equals("=")) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        AttributeValue partition = value(c.right(), table.hashKey());
        String prefix = KeyEncoding.partitionPrefix(table, partition);
        if (sortPart == null) {
            return new KeyRange(prefix, null, null, partition);
        }
        KeyAttribute sk = table.rangeKey();
        if (sortPart instanceof Condition.Compare s) {
            String k = prefix + KeyEncoding.encode(value(s.right(), sk));
            return switch (s.operator()) {
                case "=" -> new KeyRange(prefix, KeyEncoding.before(k), KeyEncoding.after(k), partition);
                case "<" -> new KeyRange(prefix, null, k, partition);
                case "<=" -> new KeyRange(prefix, null, KeyEncoding.after(k), partition);
                case ">" -> new KeyRange(prefix, k, null, partition);
                case ">=" -> new KeyRange(prefix, KeyEncoding.before(k), null, partition);
                default -> throw DynamoDbErrors.validation("Unsupported operator on KeyConditionExpression: operator: "
                        + s.operator());
            };
        }
        if (sortPart instanceof Condition.Between b) {
            AttributeValue low = value(b.low(), sk);
            AttributeValue high = value(b.high(), sk);
            if (Evaluator.compare(low, high) > 0) {
                throw DynamoDbErrors.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper "
                        + "bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {"
                        + low.type() + ":" + text(low) + "}, upper bound operand: AttributeValue: {" + high.type() + ":"
                        + text(high) + "}");
            }
            return new KeyRange(prefix, KeyEncoding.before(prefix + KeyEncoding.encode(low)),
                    KeyEncoding.after(prefix + KeyEncoding.encode(high)), partition);
        }
        Condition.Function f = (Condition.Function) sortPart;
        if (!f.name().equals("begins_with")) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: " + f.name());
        }
        AttributeValue start = value(f.arguments().get(1), sk);
        if (start instanceof AttributeValue.N) {
            throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: NUMBER");
        }
        return new KeyRange(prefix + KeyEncoding.prefixOf(start), null, null, partition);
    }

    private static String text(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value();
        }
        if (v instanceof AttributeValue.N n) {
            return n.value();
        }
        return v.toString();
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else if (c instanceof Condition.Or) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: OR");
        } else if (c instanceof Condition.Not) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: NOT");
        } else if (c instanceof Condition.In) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: IN");
        } else {
            out.add(c);
        }
    }

    private static String attributeOf(Condition c) {
        Operand first;
        if (c instanceof Condition.Compare cmp) {
            first = cmp.left();
        } else if (c instanceof Condition.Between b) {
            first = b.value();
        } else {
            Condition.Function f = (Condition.Function) c;
            if (!f.name().equals("begins_with")) {
                throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: " + f.name());
            }
            first = f.arguments().get(0);
        }
        if (!(first instanceof Operand.PathOperand p) || !p.path().isTopLevel()) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        return p.path().topLevel();
    }

    private static AttributeValue value(Operand operand, KeyAttribute key) {
        if (!(operand instanceof Operand.Value v)) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        if (!v.value().type().equals(key.type())) {
            throw DynamoDbErrors.invalidParameter("Condition parameter type does not match schema type");
        }
        return v.value();
    }

    private static RuntimeException onePerKey() {
        return DynamoDbErrors.validation("KeyConditionExpressions must only contain one condition per key");
    }

    /** The store key of an ExclusiveStartKey, which must name the table's key and lie in this range's partition. */
    String startKey(Table table, Map<String, AttributeValue> start) {
        if (start.size() != table.keys().size()) {
            throw DynamoDbErrors.invalidStartKey();
        }
        for (KeyAttribute k : table.keys()) {
            AttributeValue v = start.get(k.name());
            if (v == null || !v.type().equals(k.type())) {
                throw DynamoDbErrors.invalidStartKey();
            }
        }
        if (partition != null && !partition.equals(start.get(table.hashKey().name()))) {
            throw DynamoDbErrors.validation("The provided starting key is invalid: The provided key element does not "
                    + "match the schema");
        }
        return KeyEncoding.itemKey(table, start);
    }
}
