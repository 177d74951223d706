package dev.clawgate.channel.telegram;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What every Telegram gateway test class shares: a fresh {@link TelegramGateway} in a temporary home per test. */
@Timeout(60)
abstract class TelegramGatewayTestBase {

    @TempDir
    Path home;

    TelegramGateway tg;

    @BeforeEach
    void setUpTelegramGateway() {
        tg = new TelegramGateway(home);
    }

    @AfterEach
    void tearDownTelegramGateway() {
        tg.close();
    }
}
