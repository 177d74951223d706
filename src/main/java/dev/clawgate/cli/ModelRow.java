package dev.clawgate.cli;

import java.util.List;

/**
 * One {@code models list} row. For a reference that resolves to no model ({@code missing}) every column
 * but the key is null and shown as {@code -}.
 *
 * @param key {@code provider/model}
 * @param input {@code text} or {@code text+image}
 * @param contextTokens the effective cap when it differs from the window, else null
 * @param available whether requests can be authenticated (credential present or local endpoint)
 */
record ModelRow(String key, String name, String input, Integer contextWindow, Integer contextTokens, Boolean local,
        Boolean available, List<String> tags, boolean missing) {

    ModelRow {
        tags = List.copyOf(tags);
    }
}
