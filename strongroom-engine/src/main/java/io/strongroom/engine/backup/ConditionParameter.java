package io.strongroom.engine.backup;

/** One entry of a selection's Conditions: {@code aws:ResourceTag/<key>} and a value (wildcards in the Like forms). */
public record ConditionParameter(String key, String value) {
}
