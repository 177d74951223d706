package dev.clawgate.catalog;

/** Prices in USD per 1M tokens. */
public record ModelCost(double input, double output, double cacheRead, double cacheWrite) {

    public static final ModelCost FREE = new ModelCost(0, 0, 0, 0);

    public boolean isFree() {
        return input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0;
    }
}
