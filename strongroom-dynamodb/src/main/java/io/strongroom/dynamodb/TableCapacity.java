package io.strongroom.dynamodb;

/** The capacity units a call used on one table (ReturnConsumedCapacity), as reads and writes. */
public record TableCapacity(String tableName, double readUnits, double writeUnits) {
    public double units() {
        return readUnits + writeUnits;
    }
}
