package dev.clawgate.upstream.transport;

import dev.clawgate.wire.FailureClass;
import java.io.IOException;

/**
 * A body read gave up because one of the call's limits passed: the first byte never came
 * ({@link FailureClass#FIRST_BYTE_TIMEOUT}), the upstream went silent mid-body
 * ({@link FailureClass#IDLE_TIMEOUT}) or the whole call ran out of time ({@link FailureClass#DEADLINE}).
 */
public final class ReadTimeoutException extends IOException {

    private final FailureClass failure;

    public ReadTimeoutException(FailureClass failure, String message) {
        super(message);
        this.failure = failure;
    }

    public FailureClass failure() {
        return failure;
    }
}
