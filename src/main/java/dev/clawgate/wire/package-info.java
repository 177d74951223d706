/**
 * The canonical request and stream-event model that sits between every inbound API and every upstream
 * protocol. Each inbound API (Chat Completions, Responses, Messages) and each upstream protocol is an
 * adapter to and from these types, so N inbound + M upstream adapters never need N x M converters.
 *
 * <p>Owns: {@link dev.clawgate.wire.ChatRequest}, {@link dev.clawgate.wire.Message} and its parts,
 * {@link dev.clawgate.wire.StreamEvent}, {@link dev.clawgate.wire.EventStream},
 * {@link dev.clawgate.wire.Usage}, {@link dev.clawgate.wire.FailureClass} and
 * {@link dev.clawgate.wire.UpstreamException}.
 *
 * <p>Must not import any other Clawgate package: everything else depends on this one.
 */
package dev.clawgate.wire;
