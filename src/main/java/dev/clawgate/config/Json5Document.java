package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON5 text: the Jackson tree plus where every value and key was written, keyed by JSON path
 * relative to the document root (the root itself is {@code ""}; see {@link ConfigPaths}).
 *
 * @param valuePositions the first character of each value
 * @param keyPositions the first character of each object member's key
 * @param duplicateKeys members written twice in one object (JSON5 keeps the later one)
 */
public record Json5Document(JsonNode root, Map<String, SourcePosition> valuePositions,
        Map<String, SourcePosition> keyPositions, List<DuplicateKey> duplicateKeys) {

    public Json5Document {
        valuePositions = Map.copyOf(valuePositions);
        keyPositions = Map.copyOf(keyPositions);
        duplicateKeys = List.copyOf(duplicateKeys);
    }

    /** A key written a second time at {@code position}. */
    public record DuplicateKey(String path, SourcePosition position) {}
}
