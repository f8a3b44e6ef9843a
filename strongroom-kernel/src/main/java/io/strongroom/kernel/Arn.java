package io.strongroom.kernel;

/** An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. */
public record Arn(String partition, String service, String region, String account, String resource) {
    public Arn {
        if (partition == null || service == null || region == null || account == null || resource == null) {
            throw new IllegalArgumentException("every ARN part is required (may be empty)");
        }
    }

    public static Arn of(String service, String region, String account, String resource) {
        return new Arn("aws", service, region, account, resource);
    }

    public static Arn parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + text);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
