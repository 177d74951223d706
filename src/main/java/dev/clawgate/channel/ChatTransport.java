package dev.clawgate.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** How replies leave through a channel: one message at a time, plus a typing indicator. */
public interface ChatTransport {

    /**
     * Sends one message of at most the channel's length limit.
     *
     * @param formatted true to render the text's Markdown the channel's way; false for plain text
     * @param replyTo the inbound message this answers, or null
     */
    void send(String chatId, String text, boolean formatted, InboundMessage replyTo) throws DeliveryException;

    /** Shows "typing…" (and, where the channel has them, a read receipt); best effort, never throws. */
    void typing(String chatId, InboundMessage about);

    /**
     * Downloads the photo of a message ({@link InboundMessage#hasPhoto()}), refusing one over {@code maxBytes}
     * (checked against the size the channel announces and again while reading).
     *
     * @throws MediaTooLargeException when the photo is bigger than {@code maxBytes}
     * @throws DeliveryException when the channel's API refuses or cannot be reached
     */
    default DownloadedImage downloadPhoto(InboundMessage m, long maxBytes)
            throws DeliveryException, MediaTooLargeException {
        throw new DeliveryException(DeliveryException.Kind.PERMANENT, "this channel cannot download photos");
    }

    /** Reads a download to its end, giving up as soon as it passes {@code maxBytes}. */
    static byte[] readAtMost(InputStream in, long maxBytes) throws IOException, MediaTooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                throw new MediaTooLargeException(out.size(), maxBytes);
            }
        }
        return out.toByteArray();
    }

    /** A downloaded image: its bytes and their media type ({@code image/jpeg}). */
    record DownloadedImage(String mediaType, byte[] bytes) {}

    /** A photo bigger than {@code channels.<id>.mediaMaxMb}. */
    final class MediaTooLargeException extends Exception {
        public MediaTooLargeException(long size, long max) {
            super("the photo is " + size + " bytes, over the limit of " + max + " bytes (mediaMaxMb)");
        }
    }
}
