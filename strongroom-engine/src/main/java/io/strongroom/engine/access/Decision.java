package io.strongroom.engine.access;

/**
 * The authorizer's answer. A denial names the action and resource that failed and AWS's sentence for
 * it; {@code explanation} says what decided, for "why was this denied".
 */
public record Decision(boolean allowed, String action, String resource, String message, String explanation) {
    public static Decision allow(String explanation) {
        return new Decision(true, null, null, null, explanation);
    }

    public static Decision deny(String action, String resource, String message, String explanation) {
        return new Decision(false, action, resource, message, explanation);
    }
}
