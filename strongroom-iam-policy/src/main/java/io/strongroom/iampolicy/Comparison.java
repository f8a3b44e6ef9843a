package io.strongroom.iampolicy;

import io.strongroom.iampolicy.ConditionOperator.Base;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** One request value against one resolved policy value, for a positive base operator (spec 2.2). */
final class Comparison {
    /** MISMATCH: a value is not of the operator's type, which AWS treats as "does not match". */
    enum Result { MATCH, NO_MATCH, MISMATCH }

    private Comparison() {
    }

    static Result compare(Base base, String request, Template.Resolved policy, EvaluationOptions options) {
        String value = policy.text();
        return switch (base) {
            case STRING_EQUALS -> of(request.equals(value));
            case STRING_EQUALS_IGNORE_CASE -> of(request.equalsIgnoreCase(value));
            case STRING_LIKE -> of(policy.globMatches(request, false));
            case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
                    NUMERIC_GREATER_THAN_EQUALS -> numeric(base, request, value);
            case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS ->
                    date(base, request, value);
            case BOOL -> bool(request, value, options.boolIgnoresCase());
            case BINARY_EQUALS -> binary(request, value);
            case IP_ADDRESS -> ip(request, value);
            case ARN_LIKE -> Arns.isArn(request) ? of(Arns.matches(policy, request)) : Result.MISMATCH;
            case NULL -> throw new IllegalStateException("Null is evaluated on presence, not values");
        };
    }

    private static Result of(boolean match) {
        return match ? Result.MATCH : Result.NO_MATCH;
    }

    private static Result numeric(Base base, String request, String policy) {
        BigDecimal r;
        BigDecimal p;
        try {
            r = new BigDecimal(request.trim());
            p = new BigDecimal(policy.trim());
        } catch (NumberFormatException e) {
            return Result.MISMATCH;
        }
        return ordered(base, r.compareTo(p));
    }

    private static Result date(Base base, String request, String policy) {
        Optional<Instant> r = DateValues.parse(request);
        Optional<Instant> p = DateValues.parse(policy);
        if (r.isEmpty() || p.isEmpty()) {
            return Result.MISMATCH;
        }
        return ordered(base, r.get().compareTo(p.get()));
    }

    private static Result ordered(Base base, int cmp) {
        return of(switch (base) {
            case NUMERIC_EQUALS, DATE_EQUALS -> cmp == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> cmp < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> cmp <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> cmp > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> cmp >= 0;
            default -> throw new IllegalStateException(base.name());
        });
    }

    private static Result bool(String request, String policy, boolean ignoreCase) {
        if (!isBool(request) || !isBool(policy)) {
            return Result.MISMATCH;
        }
        return of(ignoreCase ? request.equalsIgnoreCase(policy) : request.equals(policy));
    }

    private static boolean isBool(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    /** The request carries the key's bytes base64-encoded too; compared decoded, so padding variants agree. */
    private static Result binary(String request, String policy) {
        try {
            return of(Arrays.equals(Base64.getDecoder().decode(request.trim()),
                    Base64.getDecoder().decode(policy.trim())));
        } catch (IllegalArgumentException e) {
            return Result.MISMATCH;
        }
    }

    private static Result ip(String request, String policy) {
        Optional<IpRange> range = IpRange.parse(policy);
        Optional<byte[]> address = IpRange.address(request.trim());
        if (range.isEmpty() || address.isEmpty()) {
            return Result.MISMATCH;
        }
        return of(range.get().contains(address.get()));
    }
}
