package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import java.time.Duration;

/** Asks a local model server whether a model is loaded. {@link LocalModelState} is the HTTP one. */
@FunctionalInterface
public interface LoadProbe {

    /**
     * @param timeoutCap the longest the probe may take (the router passes the candidate's first-byte
     *     timeout, so a probe never costs more than the call it guards)
     */
    LoadState check(ModelSpec model, Duration timeoutCap);
}
