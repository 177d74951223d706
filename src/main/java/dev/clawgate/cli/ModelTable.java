package dev.clawgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders {@code models list} as OpenClaw does: columns Model(42) Input(10) Ctx(11) Local(5) Auth(5) Tags,
 * or as JSON {@code {count, models:[...]}}.
 */
final class ModelTable {

    private static final int MODEL = 42;
    private static final int INPUT = 10;
    private static final int CTX = 11;
    private static final int FLAG = 5;

    private ModelTable() {}

    static String text(List<ModelRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(line("Model", "Input", "Ctx", "Local", "Auth", "Tags"));
        for (ModelRow row : rows) {
            out.append(line(row.key(), orDash(row.input()), ctx(row), yesNo(row.local()), yesNo(row.available()),
                    String.join(",", row.tags())));
        }
        return out.toString();
    }

    static ObjectNode json(List<ModelRow> rows) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("count", rows.size());
        ArrayNode models = root.putArray("models");
        for (ModelRow row : rows) {
            ObjectNode m = models.addObject();
            m.put("key", row.key());
            m.put("name", row.name());
            m.put("input", row.input());
            m.put("contextWindow", row.contextWindow());
            if (row.contextTokens() != null) {
                m.put("contextTokens", row.contextTokens());
            }
            m.put("local", row.local());
            m.put("available", row.available());
            ArrayNode tags = m.putArray("tags");
            row.tags().forEach(tags::add);
            m.put("missing", row.missing());
        }
        return root;
    }

    /**
     * The window in thousands, rounded down ({@code 196608} is {@code 196k}, {@code 200000} is {@code 200k}),
     * or {@code cap/window} when a cap lowers it. OpenClaw divides by 1024 instead (196608 shows as
     * {@code 192k}, a 200k window as {@code 195k}); vendors quote windows in thousands, so we do too.
     */
    static String ctx(ModelRow row) {
        if (row.contextWindow() == null) {
            return "-";
        }
        String window = tokensK(row.contextWindow());
        return row.contextTokens() == null ? window : tokensK(row.contextTokens()) + "/" + window;
    }

    static String tokensK(int tokens) {
        if (tokens <= 0) {
            return "-";
        }
        return tokens < 1000 ? Integer.toString(tokens) : tokens / 1000 + "k";
    }

    private static String line(String model, String input, String ctx, String local, String auth, String tags) {
        String cells = pad(model, MODEL) + " " + pad(input, INPUT) + " " + pad(ctx, CTX) + " " + pad(local, FLAG) + " "
                + pad(auth, FLAG) + " " + tags;
        return cells.stripTrailing() + "\n";
    }

    /** Pads to the column width; longer values are cut with an ellipsis as OpenClaw does. */
    private static String pad(String value, int width) {
        if (value.length() > width) {
            return value.substring(0, width - 1) + "…";
        }
        return value + " ".repeat(width - value.length());
    }

    private static String yesNo(Boolean b) {
        return b == null ? "-" : b ? "yes" : "no";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
