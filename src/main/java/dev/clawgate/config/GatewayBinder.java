package dev.clawgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds and checks the {@code gateway} section. */
final class GatewayBinder {

    private static final List<String> GATEWAY_KEYS = List.of("port", "bind", "customBindHost", "auth", "http", "limits",
            "reasoning", "controlUi", "budget", "trustedProxies");
    private static final List<String> CONTROL_UI_KEYS = List.of("enabled", "basePath", "allowedOrigins");
    private static final List<String> LIMIT_KEYS = List.of("maxRequestBytes", "maxHeaderBytes",
            "requestReceiveTimeoutSeconds", "maxConcurrentCalls", "keepAliveSeconds", "authFailuresPerMinute",
            "requestHeadTimeoutSeconds", "idleConnectionSeconds", "maxConnections");
    private static final List<String> AUTH_KEYS = List.of("mode", "token", "password", "trustedProxy", "keys");
    private static final List<String> TRUSTED_PROXY_KEYS = List.of("userHeader", "requiredHeaders", "allowUsers",
            "allowLoopback");
    private static final List<String> HTTP_KEYS = List.of("endpoints", "cors");
    private static final List<String> CORS_KEYS = List.of("allowedOrigins");
    private static final List<String> ENDPOINT_KEYS = List.of("enabled");

    private GatewayBinder() {}

    static GatewayConfig bind(ObjectFields g) {
        if (g == null) {
            return null;
        }
        g.checkKeys(GATEWAY_KEYS);
        Integer port = g.intInRange("port", 1, 65535, "a port number from 1 to 65535");
        String bind = g.openClawValue("bind", List.of("loopback", "lan", "custom"), List.of("auto", "tailnet"),
                "the gateway will refuse to start with it; use \"loopback\", \"lan\" or \"custom\" with"
                        + " customBindHost (e.g. the machine's tailnet address)");
        String customBindHost = g.nonEmptyString("customBindHost");
        if ("custom".equals(bind) && customBindHost == null && !g.has("customBindHost")) {
            g.ctx().error(g.pathOf("bind"), "bind \"custom\" needs customBindHost", "add customBindHost: \"10.0.0.5\"");
        }
        if (customBindHost != null && bind != null && !bind.equals("custom")) {
            g.ctx().warning(g.pathOf("customBindHost"), "customBindHost is ignored because bind is \"" + bind + "\"",
                    "set bind: \"custom\" to use it");
        }
        return new GatewayConfig(port == null ? GatewayConfig.DEFAULT_PORT : port, bind, customBindHost,
                auth(g.object("auth"), trustedProxies(g)), endpoints(g.object("http")), limits(g.object("limits")),
                new GatewayConfig.Api(g.oneOf("reasoning", List.of("separate", "drop"), List.of()),
                        corsOrigins(g.object("http"))), controlUi(g.object("controlUi")));
    }

    /** {@code gateway.http.cors.allowedOrigins}: exact origins ({@code https://app.example.com}) or "*". */
    private static List<String> corsOrigins(ObjectFields http) {
        ObjectFields cors = http != null ? http.object("cors") : null;
        if (cors == null) {
            return null;
        }
        cors.checkKeys(CORS_KEYS);
        return cors.stringList("allowedOrigins");
    }

    private static GatewayConfig.ControlUi controlUi(ObjectFields c) {
        if (c == null) {
            return null;
        }
        c.checkKeys(CONTROL_UI_KEYS);
        Boolean enabled = c.bool("enabled");
        String basePath = c.nonEmptyString("basePath");
        if (basePath != null && (!basePath.startsWith("/") || basePath.contains("..") || basePath.contains("?")
                || basePath.startsWith("/v1") || basePath.startsWith("/clawgate"))) {
            c.ctx().error(c.pathOf("basePath"), "basePath \"" + basePath + "\" must be a path starting with '/' that "
                    + "does not clash with /v1 or /clawgate", "use a prefix such as \"/ui\", or \"/\"");
            basePath = null;
        }
        List<String> origins = c.stringList("allowedOrigins");
        if (origins != null) {
            for (int i = 0; i < origins.size(); i++) {
                String o = origins.get(i);
                if (!o.matches("https?://[^/?#\\s]+")) {
                    c.ctx().error(c.pathOf("allowedOrigins") + "[" + i + "]", "\"" + o + "\" is not an origin",
                            "write scheme://host[:port] with no path, e.g. \"https://gateway.example.com\"");
                }
            }
        }
        return new GatewayConfig.ControlUi(enabled == null || enabled, basePath, origins);
    }

    private static GatewayConfig.Limits limits(ObjectFields l) {
        if (l == null) {
            return null;
        }
        l.checkKeys(LIMIT_KEYS);
        return new GatewayConfig.Limits(
                l.intInRange("maxRequestBytes", 1024, Integer.MAX_VALUE, "a size in bytes of at least 1024"),
                l.intInRange("maxHeaderBytes", 1024, 1024 * 1024, "a size in bytes from 1024 to 1048576"),
                l.intInRange("requestReceiveTimeoutSeconds", 1, 3600, "seconds from 1 to 3600"),
                l.intInRange("maxConcurrentCalls", 1, 100_000, "a count from 1 to 100000"),
                l.intInRange("keepAliveSeconds", 1, 3600, "seconds from 1 to 3600"),
                l.intInRange("authFailuresPerMinute", 1, 10_000, "a count from 1 to 10000"),
                l.intInRange("requestHeadTimeoutSeconds", 1, 300, "seconds from 1 to 300"),
                l.intInRange("idleConnectionSeconds", 1, 3600, "seconds from 1 to 3600"),
                l.intInRange("maxConnections", 1, 1_000_000, "a count from 1 to 1000000"));
    }

    private static GatewayConfig.Auth auth(ObjectFields a, List<String> trustedProxies) {
        if (a == null) {
            return null;
        }
        a.checkKeys(AUTH_KEYS);
        return new GatewayConfig.Auth(a.oneOf("mode", List.of("token", "password", "none", "trusted-proxy"), List.of()),
                SecretRefBinder.bind(a, "token"), SecretRefBinder.bind(a, "password"),
                trustedProxy(a.object("trustedProxy"), trustedProxies), ClientKeysBinder.bind(a));
    }

    /** {@code gateway.trustedProxies}: IP addresses or CIDRs, checked here so a typo is not a silent lock-out. */
    private static List<String> trustedProxies(ObjectFields g) {
        List<String> proxies = g.stringList("trustedProxies");
        if (proxies != null) {
            for (int i = 0; i < proxies.size(); i++) {
                if (!AddressRanges.isValid(proxies.get(i))) {
                    g.ctx().error(g.pathOf("trustedProxies") + "[" + i + "]", "\"" + proxies.get(i)
                            + "\" is not an IP address or CIDR", "write e.g. \"10.0.0.1\" or \"10.0.0.0/8\"");
                }
            }
        }
        return proxies;
    }

    private static GatewayConfig.TrustedProxy trustedProxy(ObjectFields t, List<String> proxies) {
        if (t == null) {
            return proxies == null ? null : new GatewayConfig.TrustedProxy(proxies, null, null, null, false);
        }
        t.checkKeys(TRUSTED_PROXY_KEYS);
        Boolean allowLoopback = t.bool("allowLoopback");
        return new GatewayConfig.TrustedProxy(proxies, t.nonEmptyString("userHeader"), t.stringList("requiredHeaders"),
                t.stringList("allowUsers"), allowLoopback != null && allowLoopback);
    }

    private static Map<String, Boolean> endpoints(ObjectFields http) {
        if (http == null) {
            return null;
        }
        http.checkKeys(HTTP_KEYS);
        ObjectFields endpoints = http.object("endpoints");
        if (endpoints == null) {
            return null;
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : endpoints.keys()) {
            ObjectFields endpoint = ObjectFields.of(endpoints.raw(name), endpoints.pathOf(name), endpoints.ctx());
            if (endpoint == null) {
                continue;
            }
            endpoint.checkKeys(ENDPOINT_KEYS);
            Boolean enabled = endpoint.bool("enabled");
            if (enabled != null) {
                out.put(name, enabled);
            }
        }
        return out;
    }
}
