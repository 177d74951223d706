package dev.clawgate.config;

/**
 * The {@code state} section: how Clawgate keeps what it records.
 *
 * @param ledgerDays how many days the data-flow ledger keeps each upstream contact (null: {@link #DEFAULT_LEDGER_DAYS})
 */
public record StateConfig(Integer ledgerDays) {

    public static final int DEFAULT_LEDGER_DAYS = 30;
    public static final StateConfig DEFAULT = new StateConfig(null);

    /** The retention in days, the default applied. */
    public int ledgerDaysOrDefault() {
        return ledgerDays != null ? ledgerDays : DEFAULT_LEDGER_DAYS;
    }
}
