/** Separating reasoning from answer text where upstreams mix them ({@code <think>} tags in content). */
package dev.clawgate.upstream.reasoning;
