package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.budget.JdbcSpendStore;
import dev.clawgate.budget.Period;
import dev.clawgate.ledger.JdbcLedgerStore;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.state.sqlite.SqliteDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate usage} without a running gateway: the settled spend from budget.db, per budget. */
class UsageCommandTest {

    @TempDir
    Path home;

    @Test
    void printsOneJsonObjectPerBudgetWithTheSettledSpend() throws Exception {
        Path state = home.resolve("state");
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, "{ gateway: { port: 9, budget: { daily: 5, monthly: 50 } },\n"
                + "  agents: { defaults: { budget: { daily: 1, onExceeded: \"local-only\" } } } }\n");
        Instant now = Instant.now();
        try (JdbcSpendStore store = JdbcSpendStore.openOwning(new SqliteDatabases(state))) {
            store.add("gateway", "daily:" + Period.DAILY.key(now, ZoneOffset.UTC), new BigDecimal("1.25"));
            store.add("gateway", "monthly:" + Period.MONTHLY.key(now, ZoneOffset.UTC), new BigDecimal("7.5"));
        }

        CliRunner.Result r = CliRunner.run(home, Map.of(), "usage", "--json", "--config", config.toString(),
                "--state-dir", state.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = r.out().lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(rows).extracting(n -> n.path("scope").asText() + " " + n.path("period").asText() + " "
                + n.path("limitUsd").asDouble() + " " + n.path("spentUsd").asDouble() + " " + n.path("reservedUsd").asDouble())
                .containsExactly("gateway daily 5.0 1.25 0.0", "gateway monthly 50.0 7.5 0.0", "agent:main daily 1.0 0.0 0.0");
        assertThat(rows.get(0).path("resetsAt").asText())
                .isEqualTo(Period.DAILY.resetsAt(now, ZoneOffset.UTC).toString());
    }

    @Test
    void byKeyAndByProviderSumTheSettledCallsSinceTheGivenTime() throws Exception {
        Path state = home.resolve("state");
        Instant now = Instant.now();
        try (JdbcLedgerStore ledger = JdbcLedgerStore.openOwning(new SqliteDatabases(state))) {
            ledger.append(List.of(
                    call(now.minusSeconds(60), "main", "ci", "cloud/big", "cloud", 100, 10, "0.25", "ok"),
                    call(now.minusSeconds(30), "main", "ci", "lmstudio/small", "lmstudio", 50, 5, "0", "ok"),
                    call(now.minusSeconds(20), "main", "ci", "cloud/big", "cloud", 0, 0, "0", "connection-refused"),
                    call(now.minusSeconds(10), "coder", null, "cloud/big", "cloud", 10, 1, "0.5", "ok"),
                    call(now.minus(java.time.Duration.ofDays(3)), "main", "ci", "cloud/big", "cloud", 1000, 100, "9",
                            "ok")));
        }

        CliRunner.Result byKey = CliRunner.run(home, Map.of(), "usage", "--by", "key", "--since", "24h", "--json",
                "--state-dir", state.toString());
        assertThat(byKey.exitCode()).as(byKey.err()).isZero();
        assertThat(byKey.out().lines().toList()).containsExactly(
                "{\"by\":\"key\",\"group\":\"-\",\"requests\":1,\"tokensIn\":10,\"tokensOut\":1,\"costUsd\":0.5}",
                "{\"by\":\"key\",\"group\":\"ci\",\"requests\":2,\"tokensIn\":150,\"tokensOut\":15,\"costUsd\":0.25}");

        CliRunner.Result byProvider = CliRunner.run(home, Map.of(), "usage", "--by", "provider", "--since", "7d",
                "--state-dir", state.toString());
        assertThat(byProvider.out()).contains("PROVIDER", "REQUESTS").containsPattern("cloud\\s+3\\s+1110\\s+111\\s+\\$9\\.7500")
                .containsPattern("lmstudio\\s+1\\s+50\\s+5\\s+\\$0\\.0000");

        CliRunner.Result bad = CliRunner.run(home, Map.of(), "usage", "--by", "colour", "--state-dir", state.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.err()).contains("--by 'colour' is not one of agent, key, model, provider");
    }

    /** One upstream contact as the data-flow ledger records it. */
    private static LedgerEntry call(Instant at, String agent, String key, String model, String provider, long in,
            long out, String usd, String outcome) {
        return new LedgerEntry(at, "req", agent, key, "chat", provider, provider + ":443", "us", model, 100, 200, in,
                out, new BigDecimal(usd), outcome);
    }
}
