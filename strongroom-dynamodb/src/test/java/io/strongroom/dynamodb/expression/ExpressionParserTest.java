package io.strongroom.dynamodb.expression;

import io.strongroom.dynamodb.AttributeValue;
import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionParserTest {
    static final Map<String, AttributeValue> ITEM = Map.of("pk", AttributeValue.s("order#1"),
            "total", AttributeValue.n("12.5"), "tags", new AttributeValue.SS(java.util.Set.of("a", "b")),
            "doc", new AttributeValue.M(Map.of("list", new AttributeValue.L(List.of(AttributeValue.n("1"),
                    AttributeValue.s("two"))))));

    static ExpressionAttributes values(Object... pairs) {
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String key = (String) pairs[i];
            if (key.startsWith("#")) {
                names.put(key, (String) pairs[i + 1]);
            } else {
                values.put(key, (AttributeValue) pairs[i + 1]);
            }
        }
        return new ExpressionAttributes(names, values);
    }

    static boolean eval(String expression, Object... pairs) {
        ExpressionAttributes attributes = values(pairs);
        Condition c = ExpressionParser.condition(expression, "ConditionExpression", attributes);
        attributes.requireAllUsed();
        return Evaluator.matches(c, ITEM);
    }

    @Test
    void comparisonsAndFunctions() {
        assertThat(eval("total > :n", ":n", AttributeValue.n("12.49"))).isTrue();
        assertThat(eval("total >= :n AND total <= :n", ":n", AttributeValue.n("12.50"))).isTrue();
        assertThat(eval("total <> :n", ":n", AttributeValue.n("12.5"))).isFalse();
        assertThat(eval("missing <> :n", ":n", AttributeValue.n("1"))).isTrue();
        assertThat(eval("missing < :n", ":n", AttributeValue.n("1"))).isFalse();
        assertThat(eval("total < :s", ":s", AttributeValue.s("x"))).as("different types never order").isFalse();
        assertThat(eval("begins_with(pk, :p)", ":p", AttributeValue.s("order#"))).isTrue();
        assertThat(eval("contains(tags, :t) and contains(pk, :h)", ":t", AttributeValue.s("a"),
                ":h", AttributeValue.s("#"))).isTrue();
        assertThat(eval("attribute_exists(doc.list[1]) AND attribute_not_exists(doc.list[2])")).isTrue();
        assertThat(eval("attribute_type(total, :n)", ":n", AttributeValue.s("N"))).isTrue();
        assertThat(eval("size(tags) = :two AND size(#d.list) BETWEEN :one AND :two", "#d", "doc",
                ":two", AttributeValue.n("2"), ":one", AttributeValue.n("1"))).isTrue();
        assertThat(eval("total IN (:a, :b)", ":a", AttributeValue.n("1"), ":b", AttributeValue.n("12.5"))).isTrue();
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        AttributeValue one = AttributeValue.n("1");
        // false OR (true AND true) = true; (false OR true) AND ... would also be true, so use a distinguishing case
        assertThat(eval("attribute_exists(pk) OR attribute_exists(nope) AND attribute_exists(nope)")).isTrue();
        assertThat(eval("(attribute_exists(pk) OR attribute_exists(nope)) AND attribute_exists(nope)")).isFalse();
        assertThat(eval("NOT attribute_exists(nope) AND total = :one", ":one", one)).isFalse();
        assertThat(eval("NOT (attribute_exists(nope) AND total = :one)", ":one", one)).isTrue();
        assertThat(eval("attribute_exists(pk) and not attribute_exists(nope)")).isTrue();
    }

    @Test
    void updatesApplyAgainstTheOriginalItem() {
        ExpressionAttributes attributes = values(":one", AttributeValue.n("1"), ":s",
                new AttributeValue.SS(java.util.Set.of("a")), ":l", new AttributeValue.L(List.of(AttributeValue.n("3"))));
        Update u = ExpressionParser.update("set total = total - :one, doc.list = list_append(doc.list, :l), "
                + "counter = if_not_exists(counter, :one) remove pk delete tags :s", attributes);
        Map<String, AttributeValue> after = Evaluator.apply(u, ITEM);
        assertThat(after.get("total")).isEqualTo(AttributeValue.n("11.5"));
        assertThat(after.get("counter")).isEqualTo(AttributeValue.n("1"));
        assertThat(after).doesNotContainKey("pk");
        assertThat(after.get("tags")).isEqualTo(new AttributeValue.SS(java.util.Set.of("b")));
        assertThat(((AttributeValue.M) after.get("doc")).values().get("list"))
                .isEqualTo(new AttributeValue.L(List.of(AttributeValue.n("1"), AttributeValue.s("two"),
                        AttributeValue.n("3"))));
    }

    @Test
    void projectionsKeepNestedShape() {
        List<Path> paths = ExpressionParser.projection("doc.list[1], total", ExpressionAttributes.none());
        assertThat(Evaluator.project(ITEM, paths)).isEqualTo(Map.of("total", AttributeValue.n("12.5"),
                "doc", new AttributeValue.M(Map.of("list", new AttributeValue.L(List.of(AttributeValue.s("two")))))));
    }

    @Test
    void errorsUseAwsWording() {
        assertThatThrownBy(() -> eval("total = "))
                .isInstanceOf(ServiceException.class)
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
        assertThatThrownBy(() -> eval("total == :v", ":v", AttributeValue.n("1")))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :v\"");
        assertThatThrownBy(() -> eval("total = :v"))
                .hasMessage("Invalid ConditionExpression: An expression attribute value used in expression is not "
                        + "defined; attribute value: :v");
        assertThatThrownBy(() -> eval("frobnicate(total)"))
                .hasMessage("Invalid ConditionExpression: Invalid function name; function: frobnicate");
        assertThatThrownBy(() -> eval("attribute_exists(pk)", ":x", AttributeValue.n("1")))
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
        assertThatThrownBy(() -> ExpressionParser.update("SET a = :v SET b = :v",
                values(":v", AttributeValue.n("1"))))
                .hasMessage("Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
                        + "expression;");
        assertThatThrownBy(() -> ExpressionParser.update("", ExpressionAttributes.none()))
                .hasMessage("Invalid UpdateExpression: The expression can not be empty;");
    }
}
