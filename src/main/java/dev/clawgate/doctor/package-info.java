/**
 * {@code clawgate doctor}: checks every provider a configuration uses (reachability, listed and loaded
 * models, context limits, API support, credentials, transport security, bind and auth, chain shape) and
 * reports each problem with its fix.
 *
 * <p>May import {@code config}, {@code catalog}, {@code upstream}, {@code wire}. Must not import
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.doctor;
