package dev.clawgate.budget;

import dev.clawgate.testing.StateEngines;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class PostgresSpendStoreTest extends SpendStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.POSTGRESQL;
    }
}
