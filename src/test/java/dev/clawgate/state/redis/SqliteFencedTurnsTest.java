package dev.clawgate.state.redis;

import dev.clawgate.testing.StateEngines;
import org.junit.jupiter.api.Tag;

/** {@link FencedTurnsContract} with the sessions in SQLite. */
@Tag("redis")
class SqliteFencedTurnsTest extends FencedTurnsContract {

    @Override
    StateEngines engine() {
        return StateEngines.SQLITE;
    }
}
