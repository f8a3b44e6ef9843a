package io.strongroom.kernel;

/** An AWS region name such as {@code eu-west-1}. */
public record Region(String name) {
    public static final Region US_EAST_1 = new Region("us-east-1");
    public static final Region EU_WEST_1 = new Region("eu-west-1");

    public Region {
        if (name == null || !name.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("not a region name: " + name);
        }
    }

    public static boolean isValid(String name) {
        return name != null && name.matches("[a-z]{2}(-[a-z]+)+-\\d+");
    }

    @Override
    public String toString() {
        return name;
    }
}
