package dev.clawgate.upstream.transport;

/**
 * One server-sent event: {@code event} is null when the frame had no {@code event:} line; {@code data}
 * is the data lines joined with '\n'.
 */
public record SseEvent(String event, String data) {}
