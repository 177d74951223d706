package dev.clawgate.config;

import java.util.List;

/** Binds the {@code state} section. */
final class StateBinder {

    private static final List<String> STATE_KEYS = List.of("ledgerDays");

    private StateBinder() {}

    static StateConfig bind(ObjectFields state) {
        if (state == null) {
            return null;
        }
        state.checkKeys(STATE_KEYS);
        return new StateConfig(state.intInRange("ledgerDays", 1, 3650, "a number of days from 1 to 3650"));
    }
}
