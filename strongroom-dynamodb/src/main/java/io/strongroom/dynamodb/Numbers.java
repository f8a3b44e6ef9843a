package io.strongroom.dynamodb;

import java.math.BigDecimal;

/** DynamoDB numbers: up to 38 significant digits, magnitude 1E-130 to 9.99...E+125, no NaN or Infinity. */
final class Numbers {
    private Numbers() {
    }

    /** The decimal's plain, trailing-zero-free text; throws NumberFormatException for what is no number. */
    static String canonical(String text) {
        BigDecimal d;
        try {
            d = parse(text);
        } catch (NumberFormatException e) {
            throw DynamoDbErrors.validation("A value provided cannot be converted into a number");
        } catch (ArithmeticException e) {
            throw DynamoDbErrors.validation(e.getMessage());
        }
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("empty");
        }
        String t = text.trim();
        if (t.contains("N") || t.contains("n") || t.contains("I") || t.contains("i")) {
            throw new NumberFormatException(text);
        }
        BigDecimal d = new BigDecimal(t);
        if (d.signum() != 0) {
            BigDecimal s = d.stripTrailingZeros();
            if (s.precision() > 38) {
                throw new ArithmeticException("Attempting to store more than 38 significant digits in a Number");
            }
            int exponent = s.precision() - s.scale() - 1;
            if (exponent > 125) {
                throw new ArithmeticException("Number overflow. Attempting to store a number with magnitude larger "
                        + "than supported range");
            }
            if (exponent < -130) {
                throw new ArithmeticException("Number underflow. Attempting to store a number with magnitude smaller "
                        + "than supported range");
            }
        }
        return d;
    }
}
