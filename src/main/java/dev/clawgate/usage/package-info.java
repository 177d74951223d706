/**
 * Usage and cost: normalising upstream token counts into {@link dev.clawgate.wire.Usage}, pricing them
 * from the catalog (USD per 1M tokens), and estimating tokens with a real tokenizer (jtokkit) when an
 * upstream reports none.
 *
 * <p>May import {@code wire} and {@code catalog}. Must not import {@code upstream}, {@code routing},
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.usage;
