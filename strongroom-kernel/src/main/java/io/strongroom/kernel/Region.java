package io.strongroom.kernel;

/** An AWS region name such as {@code eu-west-1}. */
public record Region(String name) {
    /** Compiled once: every signed request's scope is checked against it. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    public static final Region US_EAST_1 = new Region("us-east-1");
    public static final Region EU_WEST_1 = new Region("eu-west-1");

    public Region {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a region name: " + name);
        }
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return name;
    }
}
