package dev.clawgate.state.redis;

import dev.clawgate.testing.StateEngines;
import org.junit.jupiter.api.Tag;

/** {@link FencedTurnsContract} with the sessions in PostgreSQL, shared by every instance as in a cluster. */
@Tag("redis")
@Tag("postgres")
class PostgresFencedTurnsTest extends FencedTurnsContract {

    @Override
    StateEngines engine() {
        return StateEngines.POSTGRESQL;
    }
}
