package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Small JSON answers of the probe endpoints. */
final class ProbeResponses {

    private ProbeResponses() {}

    /**
     * Status only: {@code /ready} is unauthenticated, and the detail names models and servers. The detail
     * is in the authenticated {@code /clawgate/status} ({@code readiness}).
     */
    static void ready(ServerResponse res, ReadinessCheck.Result result) {
        ObjectNode o = Json.object();
        o.put("status", result.ready() ? "ready" : "not_ready");
        res.status(result.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(o));
    }
}
