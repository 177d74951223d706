package dev.clawgate.channel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One queue per chat: messages of a chat run one after another in arrival order, different chats run
 * concurrently, each lane on a virtual thread that exists only while the lane has work.
 */
final class ChatLanes {

    private final Map<String, ArrayDeque<InboundMessage>> lanes = new HashMap<>();
    private final Consumer<InboundMessage> worker;

    ChatLanes(Consumer<InboundMessage> worker) {
        this.worker = worker;
    }

    static String laneOf(InboundMessage m) {
        return m.channel() + ":" + m.chatId();
    }

    void submit(InboundMessage m) {
        String lane = laneOf(m);
        synchronized (lanes) {
            ArrayDeque<InboundMessage> queue = lanes.get(lane);
            if (queue != null) {
                queue.add(m);
                return;
            }
            queue = new ArrayDeque<>();
            queue.add(m);
            lanes.put(lane, queue);
        }
        Thread.ofVirtual().name("chat-" + lane).start(() -> drain(lane));
    }

    /** Messages waiting in a chat's lane, the running one included. */
    int depth(InboundMessage m) {
        synchronized (lanes) {
            ArrayDeque<InboundMessage> queue = lanes.get(laneOf(m));
            return queue == null ? 0 : queue.size();
        }
    }

    private void drain(String lane) {
        while (true) {
            InboundMessage next;
            synchronized (lanes) {
                ArrayDeque<InboundMessage> queue = lanes.get(lane);
                next = queue.peek();
            }
            worker.accept(next);
            synchronized (lanes) {
                ArrayDeque<InboundMessage> queue = lanes.get(lane);
                queue.poll();
                if (queue.isEmpty()) {
                    lanes.remove(lane);
                    return;
                }
            }
        }
    }
}
