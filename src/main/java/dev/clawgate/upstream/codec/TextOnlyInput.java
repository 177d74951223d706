package dev.clawgate.upstream.codec;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces images with a short notice for models that accept text only: sending them would make the
 * upstream fail the whole call, while the notice lets the model tell the user what it could not see.
 */
public final class TextOnlyInput {

    public static final String IMAGE_OMITTED = "[image omitted: model accepts text only]";

    private static final Logger LOG = LoggerFactory.getLogger(TextOnlyInput.class);

    private TextOnlyInput() {}

    /** The messages as the model can take them; logs one warning per request when images were dropped. */
    public static List<Message> apply(List<Message> messages, ModelSpec model) {
        if (model.acceptsImages()) {
            return messages;
        }
        int dropped = 0;
        List<Message> result = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (!hasImage(m)) { // a loop, not a stream: this runs for every message of every request
                result.add(m);
                continue;
            }
            List<Part> parts = new ArrayList<>();
            for (Part p : m.parts()) {
                if (p instanceof Part.Image) {
                    dropped++;
                    parts.add(new Part.Text(IMAGE_OMITTED));
                } else {
                    parts.add(p);
                }
            }
            result.add(new Message(m.role(), parts));
        }
        if (dropped > 0) {
            LOG.warn("Dropped {} image(s) for {}: the model accepts text only", dropped, model.ref());
        }
        return result;
    }

    private static boolean hasImage(Message m) {
        for (Part p : m.parts()) {
            if (p instanceof Part.Image) {
                return true;
            }
        }
        return false;
    }

    /** An inline image as a data URI, or its URL. */
    public static String imageUrl(Part.Image image) {
        return image.data() != null ? "data:" + image.mediaType() + ";base64," + image.data() : image.url();
    }
}
