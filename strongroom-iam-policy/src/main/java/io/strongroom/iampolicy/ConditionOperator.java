package io.strongroom.iampolicy;

import java.util.Map;
import java.util.Optional;

/**
 * A condition operator as written: base comparison, negation, set qualifier and {@code IfExists} (spec 2).
 * Names are case-sensitive.
 */
public record ConditionOperator(String name, Base base, boolean negated, Qualifier qualifier, boolean ifExists) {

    public enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    /** The positive comparison; negated operators are its NOR over the policy values. */
    public enum Base {
        STRING_EQUALS(Family.STRING), STRING_EQUALS_IGNORE_CASE(Family.STRING), STRING_LIKE(Family.STRING),
        NUMERIC_EQUALS(Family.NUMERIC), NUMERIC_LESS_THAN(Family.NUMERIC), NUMERIC_LESS_THAN_EQUALS(Family.NUMERIC),
        NUMERIC_GREATER_THAN(Family.NUMERIC), NUMERIC_GREATER_THAN_EQUALS(Family.NUMERIC),
        DATE_EQUALS(Family.DATE), DATE_LESS_THAN(Family.DATE), DATE_LESS_THAN_EQUALS(Family.DATE),
        DATE_GREATER_THAN(Family.DATE), DATE_GREATER_THAN_EQUALS(Family.DATE),
        BOOL(Family.BOOL), BINARY_EQUALS(Family.BINARY), IP_ADDRESS(Family.IP), ARN_LIKE(Family.ARN),
        NULL(Family.NULL);

        private final Family family;

        Base(Family family) {
            this.family = family;
        }

        public Family family() {
            return family;
        }

        /** Policy variables are expanded in String, ARN and Bool values only (spec 1.6). */
        boolean takesVariables() {
            return family == Family.STRING || family == Family.ARN || family == Family.BOOL;
        }
    }

    public enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    private record Entry(Base base, boolean negated) {
    }

    private static final Map<String, Entry> BASES = Map.ofEntries(
            Map.entry("StringEquals", new Entry(Base.STRING_EQUALS, false)),
            Map.entry("StringNotEquals", new Entry(Base.STRING_EQUALS, true)),
            Map.entry("StringEqualsIgnoreCase", new Entry(Base.STRING_EQUALS_IGNORE_CASE, false)),
            Map.entry("StringNotEqualsIgnoreCase", new Entry(Base.STRING_EQUALS_IGNORE_CASE, true)),
            Map.entry("StringLike", new Entry(Base.STRING_LIKE, false)),
            Map.entry("StringNotLike", new Entry(Base.STRING_LIKE, true)),
            Map.entry("NumericEquals", new Entry(Base.NUMERIC_EQUALS, false)),
            Map.entry("NumericNotEquals", new Entry(Base.NUMERIC_EQUALS, true)),
            Map.entry("NumericLessThan", new Entry(Base.NUMERIC_LESS_THAN, false)),
            Map.entry("NumericLessThanEquals", new Entry(Base.NUMERIC_LESS_THAN_EQUALS, false)),
            Map.entry("NumericGreaterThan", new Entry(Base.NUMERIC_GREATER_THAN, false)),
            Map.entry("NumericGreaterThanEquals", new Entry(Base.NUMERIC_GREATER_THAN_EQUALS, false)),
            Map.entry("DateEquals", new Entry(Base.DATE_EQUALS, false)),
            Map.entry("DateNotEquals", new Entry(Base.DATE_EQUALS, true)),
            Map.entry("DateLessThan", new Entry(Base.DATE_LESS_THAN, false)),
            Map.entry("DateLessThanEquals", new Entry(Base.DATE_LESS_THAN_EQUALS, false)),
            Map.entry("DateGreaterThan", new Entry(Base.DATE_GREATER_THAN, false)),
            Map.entry("DateGreaterThanEquals", new Entry(Base.DATE_GREATER_THAN_EQUALS, false)),
            Map.entry("Bool", new Entry(Base.BOOL, false)),
            Map.entry("BinaryEquals", new Entry(Base.BINARY_EQUALS, false)),
            Map.entry("IpAddress", new Entry(Base.IP_ADDRESS, false)),
            Map.entry("NotIpAddress", new Entry(Base.IP_ADDRESS, true)),
            // ArnEquals honours wildcards exactly like ArnLike (spec 2.2)
            Map.entry("ArnEquals", new Entry(Base.ARN_LIKE, false)),
            Map.entry("ArnLike", new Entry(Base.ARN_LIKE, false)),
            Map.entry("ArnNotEquals", new Entry(Base.ARN_LIKE, true)),
            Map.entry("ArnNotLike", new Entry(Base.ARN_LIKE, true)),
            Map.entry("Null", new Entry(Base.NULL, false)));

    public static Optional<ConditionOperator> parse(String name) {
        String rest = name;
        Qualifier qualifier = Qualifier.NONE;
        if (rest.startsWith("ForAllValues:")) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        }
        boolean ifExists = rest.endsWith("IfExists");
        if (ifExists) {
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        Entry entry = BASES.get(rest);
        if (entry == null || entry.base() == Base.NULL && (ifExists || qualifier != Qualifier.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(name, entry.base(), entry.negated(), qualifier, ifExists));
    }

    @Override
    public String toString() {
        return name;
    }
}
