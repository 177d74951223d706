/**
 * The {@code clawgate} command line (picocli): {@code gateway}, {@code config}, {@code models},
 * {@code doctor}. Commands parse options, call into the other packages and print; they hold no logic
 * that a test of another package would need.
 *
 * <p>May import every package. Nothing imports it.
 */
package dev.clawgate.cli;
