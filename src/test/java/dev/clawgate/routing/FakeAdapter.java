package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An adapter whose answers are scripted per model: each call takes the next scripted stream for its
 * model, or a normal answer when the script is used up. Records every call.
 */
final class FakeAdapter implements UpstreamAdapter {

    private final String api;
    private final Map<String, Deque<Supplier<EventStream>>> scripts = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<CallOptions> options = new CopyOnWriteArrayList<>();
    final List<ModelSpec> models = new CopyOnWriteArrayList<>();

    FakeAdapter(String api) {
        this.api = api;
    }

    @SafeVarargs
    final FakeAdapter on(ModelSpec model, Supplier<EventStream>... answers) {
        scripts.computeIfAbsent(model.ref(), k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    int callsTo(ModelSpec model) {
        return (int) calls.stream().filter(model.ref()::equals).count();
    }

    @Override
    public String api() {
        return api;
    }

    @Override
    public EventStream open(ChatRequest request, ModelSpec model, CallOptions callOptions) {
        calls.add(model.ref());
        options.add(callOptions);
        models.add(model);
        Deque<Supplier<EventStream>> script = scripts.get(model.ref());
        Supplier<EventStream> next = script == null ? null : script.poll();
        return next != null ? next.get() : events(new StreamEvent.Start("id", model.id()),
                new StreamEvent.TextDelta("hello from " + model.ref()), new StreamEvent.Stop(StopReason.STOP));
    }

    // ---- scripted streams ----

    static Supplier<EventStream> ok() {
        return () -> events(new StreamEvent.Start("id", "m"), new StreamEvent.TextDelta("hi"),
                new StreamEvent.Stop(StopReason.STOP));
    }

    static Supplier<EventStream> fail(FailureClass failure, int status, String message) {
        return fail(failure, status, message, null);
    }

    static Supplier<EventStream> fail(FailureClass failure, int status, String message, Duration retryAfter) {
        return () -> new Scripted(List.of(), new UpstreamException(failure, status, message, retryAfter, null));
    }

    static Supplier<EventStream> empty() {
        return () -> events();
    }

    static Supplier<EventStream> startThen(StreamEvent second) {
        return () -> events(new StreamEvent.Start("id", "m"), second);
    }

    /** Answers one text event, then breaks. */
    static Supplier<EventStream> breaksAfterFirst(FailureClass failure) {
        return () -> new Scripted(List.of(new StreamEvent.TextDelta("partial")),
                new UpstreamException(failure, 0, "connection dropped mid-stream", null, null));
    }

    /** Blocks in next() until {@code release} opens, or until closed (then fails like a cancelled call). */
    static Supplier<EventStream> waitsFor(CountDownLatch release, CountDownLatch entered) {
        return () -> new Blocking(release, entered);
    }

    static EventStream events(StreamEvent... events) {
        return new Scripted(List.of(events), null);
    }

    private static final class Scripted implements EventStream {
        private final ArrayDeque<StreamEvent> events;
        private final UpstreamException end;
        volatile boolean closed;

        Scripted(List<StreamEvent> events, UpstreamException end) {
            this.events = new ArrayDeque<>(events);
            this.end = end;
        }

        @Override
        public StreamEvent next() {
            StreamEvent e = events.poll();
            if (e == null && end != null) {
                throw end;
            }
            return e;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class Blocking implements EventStream {
        private final CountDownLatch release;
        private final CountDownLatch entered;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final ArrayDeque<StreamEvent> after = new ArrayDeque<>(List.of(new StreamEvent.Start("id", "m"),
                new StreamEvent.TextDelta("late"), new StreamEvent.Stop(StopReason.STOP)));
        private boolean waited;

        Blocking(CountDownLatch release, CountDownLatch entered) {
            this.release = release;
            this.entered = entered;
        }

        @Override
        public StreamEvent next() {
            if (!waited) {
                waited = true;
                entered.countDown();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!release.await(5, TimeUnit.MILLISECONDS)) {
                        if (closed.getCount() == 0 || System.nanoTime() > deadline) {
                            throw new UpstreamException(FailureClass.FIRST_BYTE_TIMEOUT, "closed while waiting");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpstreamException(FailureClass.CLIENT_CANCELLED, "interrupted");
                }
            }
            return after.poll();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
