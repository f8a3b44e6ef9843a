package io.strongroom.kernel;

/** A twelve-digit AWS account id. */
public record AccountId(String value) {
    public AccountId {
        if (value == null || !value.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits: " + value);
        }
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
