package io.strongroom.engine.backup;

/** One ListOfTags entry: a bare tag key and the value it must equal (the only type is STRINGEQUALS). */
public record TagCondition(String conditionType, String key, String value) {
}
