package dev.clawgate.channel;

import dev.clawgate.testing.StateEngines;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class PostgresChannelStoreTest extends ChannelStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.POSTGRESQL;
    }
}
