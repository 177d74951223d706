package dev.clawgate.budget;

import dev.clawgate.testing.StateEngines;

class SqliteSpendStoreTest extends SpendStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.SQLITE;
    }
}
