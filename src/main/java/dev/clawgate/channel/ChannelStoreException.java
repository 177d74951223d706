package dev.clawgate.channel;

/** The channel state database could not be read or written. */
public final class ChannelStoreException extends RuntimeException {
    public ChannelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
