package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.catalog.ModelSpec;

/** Reads a model's {@code compat} flags (what its endpoint really supports). */
public final class Compat {

    private Compat() {}

    /** The flag's value, or {@code fallback} when the catalog does not say. */
    public static boolean flag(ModelSpec model, String name, boolean fallback) {
        JsonNode value = model.compat().get(name);
        return value != null && value.isBoolean() ? value.asBoolean() : fallback;
    }

    /** True only when the catalog sets the flag to true. */
    public static boolean isSet(ModelSpec model, String name) {
        return flag(model, name, false);
    }

    /** A string setting, or null. */
    public static String string(ModelSpec model, String name) {
        return Json.nonEmpty(model.compat(), name);
    }
}
