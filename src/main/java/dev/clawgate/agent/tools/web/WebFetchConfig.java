package dev.clawgate.agent.tools.web;

import java.time.Duration;
import java.util.Set;

/**
 * Limits of {@link WebFetchTool}.
 *
 * @param allowedHosts hosts that may resolve to private or loopback addresses (see {@link PublicAddressPolicy})
 * @param maxBodyBytes the most bytes read from a response body (after decompression); the rest is cut off
 * @param maxTextChars the most characters of extracted text handed to the model
 * @param timeout the whole fetch, all redirects included
 * @param maxRedirects how many redirects are followed before giving up
 */
public record WebFetchConfig(Set<String> allowedHosts, int maxBodyBytes, int maxTextChars, Duration timeout,
        int maxRedirects) {

    public static final WebFetchConfig DEFAULT =
            new WebFetchConfig(Set.of(), 2 * 1024 * 1024, 100_000, Duration.ofSeconds(20), 5);

    public WebFetchConfig {
        allowedHosts = Set.copyOf(allowedHosts);
        if (maxBodyBytes < 1 || maxTextChars < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public WebFetchConfig withAllowedHosts(Set<String> hosts) {
        return new WebFetchConfig(hosts, maxBodyBytes, maxTextChars, timeout, maxRedirects);
    }
}
