/**
 * Reading and validating Clawgate's configuration: locating the file (or OpenClaw's), parsing JSON5,
 * {@code ${VAR}} substitution with {@code .env} files, {@code $include} merging, and binding to the typed
 * records in this package ({@link dev.clawgate.config.ClawgateConfig} and friends) with precise,
 * positioned problems.
 *
 * <p>Records here hold what the user wrote (null where a field is absent); defaults are applied by
 * {@code catalog}. Must not import any other Clawgate package.
 */
package dev.clawgate.config;
