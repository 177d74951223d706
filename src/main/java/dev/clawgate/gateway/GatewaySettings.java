package dev.clawgate.gateway;

import dev.clawgate.config.Environment;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.SecretResolver;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link GatewayServer} needs to know about where it listens and what it accepts.
 *
 * @param host the address to bind ({@code 127.0.0.1}, {@code 0.0.0.0}, ...)
 * @param port the port, or 0 for any free port
 * @param authMode whether clients must present the gateway token
 * @param token the gateway token for {@link AuthMode#TOKEN}; never logged
 * @param limits request size, time and concurrency limits
 * @param trustedProxy for {@link AuthMode#TRUSTED_PROXY}: which peers are believed and which header names the user
 */
public record GatewaySettings(String host, int port, AuthMode authMode, String token, Limits limits,
        GatewayConfig.TrustedProxy trustedProxy) {

    public enum AuthMode { NONE, TOKEN, TRUSTED_PROXY }

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        authMode = authMode != null ? authMode : AuthMode.NONE;
        limits = limits != null ? limits : Limits.DEFAULTS;
    }

    public GatewaySettings(String host, int port, AuthMode authMode, String token, Limits limits) {
        this(host, port, authMode, token, limits, null);
    }

    /** Loopback, no auth, default limits: the out-of-the-box single-user setup. */
    public static GatewaySettings loopback(int port) {
        return new GatewaySettings("127.0.0.1", port, AuthMode.NONE, null, Limits.DEFAULTS);
    }

    /**
     * Settings from the {@code gateway} config section. {@code resolvedToken} is the value of
     * {@code gateway.auth.token} after secret resolution (null when unset).
     */
    public static GatewaySettings from(GatewayConfig config, String resolvedToken) {
        UnsupportedSettings.check(config);
        String host = switch (config.bind()) {
            case "lan" -> "0.0.0.0";
            case "custom" -> config.customBindHost();
            default -> "127.0.0.1";
        };
        AuthMode mode = "token".equalsIgnoreCase(config.auth().mode()) ? AuthMode.TOKEN : AuthMode.NONE;
        if ("password".equals(config.auth().mode())) {
            GatewayAuthModes.requirePassword(config.auth(), resolvedToken);
            mode = AuthMode.TOKEN;
        }
        if ("trusted-proxy".equals(config.auth().mode())) {
            GatewayAuthModes.requireTrustedProxy(config.auth());
            return new GatewaySettings(host, config.port(), AuthMode.TRUSTED_PROXY, null, Limits.from(config.limits()),
                    config.auth().trustedProxy());
        }
        return new GatewaySettings(host, config.port(), mode, resolvedToken, Limits.from(config.limits()));
    }

    /**
     * Settings from the {@code gateway} section, its secret resolved in {@code env}, with the command line's
     * overrides.
     *
     * @param port {@code --port}, or null for the config's
     * @param bind {@code --bind}: loopback, lan or a host; null for the config's
     */
    static GatewaySettings from(GatewayConfig gateway, Environment env, Integer port, String bind) {
        String token = GatewayAuthModes.secret(gateway.auth()) == null ? null
                : SecretResolver.resolve(GatewayAuthModes.secret(gateway.auth()), env).orElse(null);
        GatewaySettings settings = from(gateway, token);
        if (port != null) {
            settings = new GatewaySettings(settings.host(), port, settings.authMode(), token, settings.limits(),
                    settings.trustedProxy());
        }
        if (bind != null) {
            settings = settings.withHost(switch (bind) {
                case "loopback" -> "127.0.0.1";
                case "lan" -> "0.0.0.0";
                default -> bind;
            });
        }
        return settings;
    }

    public GatewaySettings withLimits(Limits newLimits) {
        return new GatewaySettings(host, port, authMode, token, newLimits, trustedProxy);
    }

    public GatewaySettings withToken(String newToken) {
        return new GatewaySettings(host, port, AuthMode.TOKEN, newToken, limits);
    }

    public GatewaySettings withHost(String newHost) {
        return new GatewaySettings(newHost, port, authMode, token, limits, trustedProxy);
    }

    @Override
    public String toString() { // the token must never reach a log line
        return "GatewaySettings[" + host + ":" + port + " auth=" + authMode + " " + limits + "]";
    }

    /**
     * Limits on what one client may ask of the gateway. Each exceeded limit is answered in the API's own
     * error shape with a message naming the limit and its value.
     *
     * @param maxRequestBytes request body size (413). Default 20 MiB: a few base64 images must fit, as in
     *     OpenClaw's HTTP endpoints.
     * @param maxHeaderBytes total size of the request headers (431). Default 16 KiB.
     * @param requestReceiveTimeout time to receive the request body once headers arrived, and the longest
     *     silence on the socket while reading (408). Default 30 s.
     * @param maxConcurrentCalls model calls (streaming or not) in flight at once (429). Default 1024: enough
     *     for a team's streams on hosted models; a local server queues long before that anyway.
     * @param keepAliveInterval silence after which a stream gets a keep-alive (SSE comment, or Anthropic
     *     {@code ping}); also bounds how long a vanished client goes unnoticed. Default 15 s.
     * @param authFailuresPerMinute failed auth attempts one client address may make in a minute before it
     *     is answered 429 (every failing attempt until the minute has passed; a valid token is always accepted).
     *     Default 10.
     * @param requestHeadTimeout time a connection has to send a complete request head (request line and
     *     headers), from its opening or from its next request line; then it is closed. Default 15 s.
     * @param idleConnection time a keep-alive connection may sit idle between requests; then it is closed.
     *     Default 120 s. (Streams in progress are never idle: {@code keepAliveInterval} pings them.)
     * @param maxConnections connections open at once; a request on one beyond it is answered 503 and its
     *     connection closed. Default 2048.
     */
    public record Limits(long maxRequestBytes, int maxHeaderBytes, Duration requestReceiveTimeout,
            int maxConcurrentCalls, Duration keepAliveInterval, int authFailuresPerMinute,
            Duration requestHeadTimeout, Duration idleConnection, int maxConnections) {

        public static final Limits DEFAULTS = new Limits(20L * 1024 * 1024, 16 * 1024, Duration.ofSeconds(30), 1024,
                Duration.ofSeconds(15), 10, Duration.ofSeconds(15), Duration.ofSeconds(120), 2048);

        /** The defaults, overridden by whatever {@code gateway.limits} sets. */
        public static Limits from(GatewayConfig.Limits c) {
            Limits l = DEFAULTS;
            if (c.maxRequestBytes() != null) {
                l = l.withMaxRequestBytes(c.maxRequestBytes());
            }
            if (c.maxHeaderBytes() != null) {
                l = l.withMaxHeaderBytes(c.maxHeaderBytes());
            }
            if (c.requestReceiveTimeoutSeconds() != null) {
                l = l.withRequestReceiveTimeout(Duration.ofSeconds(c.requestReceiveTimeoutSeconds()));
            }
            if (c.maxConcurrentCalls() != null) {
                l = l.withMaxConcurrentCalls(c.maxConcurrentCalls());
            }
            if (c.keepAliveSeconds() != null) {
                l = l.withKeepAliveInterval(Duration.ofSeconds(c.keepAliveSeconds()));
            }
            if (c.authFailuresPerMinute() != null) {
                l = l.withAuthFailuresPerMinute(c.authFailuresPerMinute());
            }
            if (c.requestHeadTimeoutSeconds() != null) {
                l = l.withRequestHeadTimeout(Duration.ofSeconds(c.requestHeadTimeoutSeconds()));
            }
            if (c.idleConnectionSeconds() != null) {
                l = l.withIdleConnection(Duration.ofSeconds(c.idleConnectionSeconds()));
            }
            if (c.maxConnections() != null) {
                l = l.withMaxConnections(c.maxConnections());
            }
            return l;
        }

        public Limits withMaxRequestBytes(long v) {
            return new Limits(v, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls, keepAliveInterval,
                    authFailuresPerMinute, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withMaxHeaderBytes(int v) {
            return new Limits(maxRequestBytes, v, requestReceiveTimeout, maxConcurrentCalls, keepAliveInterval,
                    authFailuresPerMinute, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withRequestReceiveTimeout(Duration v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, v, maxConcurrentCalls, keepAliveInterval,
                    authFailuresPerMinute, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withMaxConcurrentCalls(int v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, v, keepAliveInterval,
                    authFailuresPerMinute, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withKeepAliveInterval(Duration v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls, v,
                    authFailuresPerMinute, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withAuthFailuresPerMinute(int v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls,
                    keepAliveInterval, v, requestHeadTimeout, idleConnection, maxConnections);
        }

        public Limits withRequestHeadTimeout(Duration v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls,
                    keepAliveInterval, authFailuresPerMinute, v, idleConnection, maxConnections);
        }

        public Limits withIdleConnection(Duration v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls,
                    keepAliveInterval, authFailuresPerMinute, requestHeadTimeout, v, maxConnections);
        }

        public Limits withMaxConnections(int v) {
            return new Limits(maxRequestBytes, maxHeaderBytes, requestReceiveTimeout, maxConcurrentCalls,
                    keepAliveInterval, authFailuresPerMinute, requestHeadTimeout, idleConnection, v);
        }
    }
}
