/**
 * The model catalog: built-in providers and hosted model rows, the {@code merge}/{@code replace}
 * overlay of configured providers, model references ({@code provider/model}, split on the first slash),
 * aliases, the allowlist, and credentials. Its product is {@link dev.clawgate.catalog.ModelSpec}: a
 * model with every default applied and its provider's endpoint and credential resolved.
 *
 * <p>May import {@code config} and {@code wire}. Must not import {@code upstream}, {@code routing},
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.catalog;
