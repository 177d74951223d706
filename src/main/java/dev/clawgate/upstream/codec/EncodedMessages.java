package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.wire.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Each message's encoded JSON, kept for as long as the {@link Message} object lives, so that a long
 * conversation sent again with one more turn (an agent session: its working set hands the router the same
 * message objects every turn) encodes and serialises only what is new. Without it, turn 1,000 of a session
 * spent most of its time building and writing 2,000 messages' JSON trees again.
 *
 * <p>Keyed by the message's identity, weakly: a gateway request's messages are new objects each time, never
 * hit, and go with the request. Requests shorter than {@value #MIN_MESSAGES} messages skip the cache (there
 * is little to save). The cached nodes carry their serialised bytes and write those when serialised; they are
 * ordinary {@link ObjectNode}s to read, and must never be mutated (no encoder or body merge does: extras
 * replace {@code messages} whole). An entry records the encoder's {@code shape} (the compat flags that change
 * a message's encoding); a message sent to a model of another shape is encoded afresh. Bounded at
 * {@value #MAX_BYTES} bytes of cached JSON: past it, everything is dropped and encoded again as needed.
 * Thread-safe.
 */
public final class EncodedMessages {

    static final int MIN_MESSAGES = 32;
    static final long MAX_BYTES = 64L << 20;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<Message> collected = new ReferenceQueue<>();
    private final AtomicLong bytes = new AtomicLong();

    private record Entry(int shape, List<JsonNode> nodes, long bytes) {}

    /**
     * Appends the encoding of {@code messages} to {@code out}: each message's nodes from the cache when it was
     * encoded before in the same {@code shape}, else from {@code encoder}, which appends one message's nodes
     * (none, one or several) to the array it is given.
     */
    public void encode(List<Message> messages, int shape, ArrayNode out, BiConsumer<Message, ArrayNode> encoder) {
        if (messages.size() < MIN_MESSAGES) {
            messages.forEach(m -> encoder.accept(m, out));
            return;
        }
        dropCollected();
        for (Message m : messages) {
            Entry entry = entries.get(new Key(m, null));
            if (entry == null || entry.shape() != shape) {
                entry = encodeOne(m, shape, encoder);
                remember(m, entry);
            }
            entry.nodes().forEach(out::add);
        }
    }

    /** How many messages are cached now; for tests. */
    int size() {
        dropCollected();
        return entries.size();
    }

    private static Entry encodeOne(Message m, int shape, BiConsumer<Message, ArrayNode> encoder) {
        ArrayNode fresh = Json.MAPPER.createArrayNode();
        encoder.accept(m, fresh);
        List<JsonNode> nodes = new ArrayList<>(fresh.size());
        long size = 0;
        for (JsonNode node : fresh) {
            if (node instanceof ObjectNode object) {
                Serialized s = Serialized.of(object);
                size += s.json.asUnquotedUTF8().length;
                nodes.add(s);
            } else {
                nodes.add(node);
            }
        }
        return new Entry(shape, List.copyOf(nodes), size);
    }

    private void remember(Message m, Entry entry) {
        if (bytes.addAndGet(entry.bytes()) > MAX_BYTES) {
            entries.clear();
            bytes.set(entry.bytes());
        }
        Entry old = entries.put(new Key(m, collected), entry);
        if (old != null) {
            bytes.addAndGet(-old.bytes());
        }
    }

    private void dropCollected() {
        for (Reference<? extends Message> r = collected.poll(); r != null; r = collected.poll()) {
            Entry old = entries.remove((Key) r);
            if (old != null) {
                bytes.addAndGet(-old.bytes());
            }
        }
    }

    /** A message by identity; holds it weakly. Equal to another key of the same live message. */
    private static final class Key extends WeakReference<Message> {
        private final int hash;

        Key(Message m, ReferenceQueue<Message> queue) {
            super(m, queue);
            this.hash = System.identityHashCode(m);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Message m = get();
            return o instanceof Key k && m != null && m == k.get();
        }
    }

    /**
     * An object node that writes its bytes serialised once, when the generator writes compact JSON as
     * {@link Json#MAPPER} does; else (pretty printing, token buffers) it serialises itself as usual.
     */
    private static final class Serialized extends ObjectNode {
        private final SerializedString json;

        private Serialized(ObjectNode node, String json) {
            super(Json.MAPPER.getNodeFactory(), copyOfChildren(node));
            this.json = new SerializedString(json);
            this.json.asUnquotedUTF8(); // encode the UTF-8 once, now
        }

        static Serialized of(ObjectNode node) {
            try {
                // the UTF-8 generator's bytes, as Json.bytes writes them (it escapes characters beyond the BMP,
                // where a writer would not), so the body is the same byte for byte
                return new Serialized(node, new String(Json.MAPPER.writeValueAsBytes(node), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, JsonNode> copyOfChildren(ObjectNode node) {
            Map<String, JsonNode> children = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> children.put(e.getKey(), e.getValue()));
            return children;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            if (g instanceof JsonGeneratorImpl && g.getPrettyPrinter() == null) {
                g.writeRawValue(json);
            } else {
                super.serialize(g, provider);
            }
        }
    }
}
