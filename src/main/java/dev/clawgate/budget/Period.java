package dev.clawgate.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A budget period: a calendar day or month in the budget's time zone. */
public enum Period {
    DAILY, MONTHLY;

    /** {@code daily} or {@code monthly}, as the config and {@code clawgate usage} name it. */
    public String label() {
        return this == DAILY ? "daily" : "monthly";
    }

    /** The period holding {@code at}: {@code 2026-12-03} for a day, {@code 2026-12} for a month. */
    public String key(Instant at, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return this == DAILY ? date.toString() : date.toString().substring(0, 7);
    }

    /** When the period holding {@code at} ends and spending starts again from zero. */
    public Instant resetsAt(Instant at, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        LocalDate next = this == DAILY ? date.plusDays(1) : date.withDayOfMonth(1).plusMonths(1);
        return ZonedDateTime.of(next.atStartOfDay(), zone).toInstant();
    }
}
