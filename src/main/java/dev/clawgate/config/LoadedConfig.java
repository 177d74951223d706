package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configuration that loaded without errors.
 *
 * @param effective the tree after {@code $include}s and {@code ${VAR}} substitution; it may hold credentials,
 *     so redact every path for which {@link ConfigPaths#isSecret} is true before showing it
 * @param sources where each value of {@code effective} was written
 */
public record LoadedConfig(ClawgateConfig config, ConfigLocation location, JsonNode effective, SourceMap sources) {}
