package dev.clawgate.wire;

/** Why the model stopped generating. */
public enum StopReason { STOP, LENGTH, TOOL_USE, CONTENT_FILTER }
