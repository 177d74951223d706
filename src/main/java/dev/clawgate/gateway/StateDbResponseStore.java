package dev.clawgate.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.store.JdbcResponseStore;
import dev.clawgate.gateway.openai.ResponseStore;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Responses API's stored answers in the state database ({@link JdbcResponseStore}), opened on first use
 * so that a gateway nobody sends {@code /v1/responses} to never opens the database.
 */
final class StateDbResponseStore implements ResponseStore {

    private final Supplier<JdbcResponseStore> rows;

    StateDbResponseStore(Supplier<JdbcResponseStore> rows) {
        this.rows = rows;
    }

    @Override
    public void save(String id, ArrayNode conversation, ObjectNode response) {
        rows.get().save(id, Json.write(conversation), Json.write(response));
    }

    @Override
    public Optional<Stored> find(String id) {
        return rows.get().find(id).map(row -> {
            try {
                return new Stored((ArrayNode) Json.MAPPER.readTree(row.conversationJson()),
                        (ObjectNode) Json.MAPPER.readTree(row.responseJson()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("stored response " + id + " is not JSON", e);
            }
        });
    }

    @Override
    public boolean delete(String id) {
        return rows.get().delete(id);
    }
}
