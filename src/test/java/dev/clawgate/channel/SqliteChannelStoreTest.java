package dev.clawgate.channel;

import dev.clawgate.testing.StateEngines;

class SqliteChannelStoreTest extends ChannelStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.SQLITE;
    }
}
