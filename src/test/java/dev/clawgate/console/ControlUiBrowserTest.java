package dev.clawgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.testing.FakeUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Control UI in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), against a
 * real gateway and loopback upstreams. Ordered: later steps look at what earlier ones did (the chat turn
 * shows up in Sessions and Usage). Screenshots go to target/control-ui/.
 */
@Tag("browser")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlUiBrowserTest {

    private static final Path SHOTS = Path.of("target", "control-ui");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private ConsoleGateway gateway;
    private ChromeDriver browser;
    private final List<JsonNode> network = new ArrayList<>();

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

    @BeforeAll
    void start() throws IOException {
        assertThat(Path.of(CHROMIUM)).as("Chromium for the browser tests (apt-get install chromium chromium-driver, "
                + "or set CHROMIUM_BIN; skip them with -DexcludedGroups=browser)").isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("chromedriver for the browser tests (apt-get install chromium-driver, "
                + "or set CHROMEDRIVER_BIN; skip them with -DexcludedGroups=browser)").isExecutable();
        gateway = new ConsoleGateway(home, ConsoleGateway.TOKEN_AUTH);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private WebDriverWait waiting(Duration d) {
        return new WebDriverWait(browser, d, Duration.ofMillis(50));
    }

    private WebElement await(By by) {
        return waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void screenshot(TestInfo info) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(info.getTestMethod().orElseThrow().getName() + ".png"), png);
    }

    /** Every DevTools network event so far (the log drains on each read, so it is kept here). */
    private List<JsonNode> networkEvents() throws IOException {
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).path("message");
            if (message.path("method").asText().startsWith("Network.")) {
                network.add(message);
            }
        }
        return network;
    }

    @Test
    @Order(1)
    void signInRefusesAWrongTokenAndAcceptsTheRightOne(TestInfo info) throws IOException {
        browser.get(gateway.origin() + "/");
        await(By.id("token")).sendKeys("not-the-token", Keys.ENTER);
        assertThat(await(By.id("signin-error")).getText()).contains("Refused").contains("Invalid gateway token");
        assertThat(browser.findElements(By.cssSelector("nav"))).isEmpty();
        screenshot(info);

        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(ConsoleGateway.TOKEN, Keys.ENTER);
        await(By.id("nav-overview"));
        await(By.cssSelector("[data-model='loop/m1'][data-state='healthy']"));
        Object stored = browser.executeScript("return sessionStorage.getItem('clawgate.token')");
        assertThat(stored).isEqualTo(ConsoleGateway.TOKEN);
        assertThat(browser.getCurrentUrl()).doesNotContain(ConsoleGateway.TOKEN);
        assertThat(browser.manage().getCookies()).isEmpty();
    }

    @Test
    @Order(2)
    void pageWeightAndLoadTimeAreMeasured(TestInfo info) throws IOException {
        networkEvents();
        network.clear();
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.navigate().refresh();
        await(By.cssSelector("[data-model='loop/m1']"));
        long transferred = 0;
        int requests = 0;
        for (JsonNode e : networkEvents()) {
            if (e.path("method").asText().equals("Network.loadingFinished")) {
                transferred += e.path("params").path("encodedDataLength").asLong();
            }
            if (e.path("method").asText().equals("Network.requestWillBeSent")) {
                requests++;
            }
        }
        Object loadMs = browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + " return Math.round(n.loadEventEnd - n.startTime);");
        String report = "Control UI first load, cache disabled: " + requests + " requests, " + transferred
                + " bytes transferred (incl. the live feed so far), load event after " + loadMs + " ms\n";
        Files.writeString(SHOTS.resolve("page-weight.txt"), report);
        System.out.print(report);
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        assertThat(transferred).isPositive().isLessThan(300 * 1024);
        screenshot(info);
    }

    @Test
    @Order(3)
    void overviewShowsAModelCoolingSoonAfterItsUpstreamStartsFailing(TestInfo info) throws Exception {
        browser.get(gateway.origin() + "/#overview");
        await(By.cssSelector("[data-model='flaky/m2'][data-state='healthy']"));
        gateway.flaky.on("/v1/chat/completions", FakeUpstream.status(500, "application/json",
                "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}"));
        gateway.chatCompletion("flaky/m2"); // answered 500: the call fails and flaky/m2 cools down
        long failedAt = System.nanoTime();
        WebElement card = waiting(Duration.ofSeconds(2)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-model='flaky/m2'][data-state='cooling']")));
        long shownMs = (System.nanoTime() - failedAt) / 1_000_000;
        System.out.println("Control UI: 'cooling' shown " + shownMs + " ms after the failed call returned");
        assertThat(card.getText()).contains("server-error").containsPattern("\\d+ s left");
        screenshot(info);
    }

    @Test
    @Order(4)
    void webChatStreamsAReplyAndStopAbortsASlowOne(TestInfo info) throws Exception {
        browser.get(gateway.origin() + "/#chat");
        // the agent list arrives from the API after the page renders: the default agent is then preselected
        assertThat(waiting(WAIT).until(ExpectedConditions.attributeToBe(By.id("c-agent"), "value", "main"))).isTrue();
        await(By.id("c-text")).sendKeys("hello there", Keys.ENTER);
        WebElement reply = await(By.cssSelector(".reply[data-done='yes']"));
        assertThat(reply.getText()).contains("Hello from loop one");
        assertThat(reply.findElement(By.cssSelector(".served-by")).getText()).isEqualTo("loop/m1");

        CountDownLatch upstreamClosed = new CountDownLatch(1);
        gateway.loop.on("/v1/chat/completions", (req, socket, out) -> slowStream(socket.getInputStream(), out, upstreamClosed));
        browser.findElement(By.id("c-text")).sendKeys("write me a long story", Keys.ENTER);
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".reply[data-done='no']"), "Once upon a time"));
        browser.findElement(By.id("c-stop")).click();
        await(By.cssSelector(".reply[data-stopped='yes']"));
        waiting(WAIT).until(d -> !d.findElement(By.id("c-stop")).isEnabled()); // the turn is over
        assertThat(browser.findElements(By.cssSelector("#page .error"))).isEmpty();
        assertThat(upstreamClosed.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("the upstream call was closed").isTrue();
        screenshot(info);
        gateway.loop.on("/v1/chat/completions", FakeUpstream.answer("Hello from loop one"));

        browser.navigate().refresh(); // the history comes from the gateway
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "Hello from loop one"));
        assertThat(browser.findElement(By.id("conversation")).getText()).contains("hello there").contains("Once upon a time");
    }

    /** A reply that starts and then never ends, until the gateway closes the connection. */
    private static void slowStream(InputStream in, OutputStream out, CountDownLatch closed) throws IOException {
        List<String> frames = FakeUpstream.Dialect.COMPLETIONS.frames("Once upon a time");
        FakeUpstream.writeHead(out, 200, "text/event-stream", Map.of());
        out.write((frames.get(0) + frames.get(1)).getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (in.read() != -1) {
            // the gateway keeps the connection open while the turn runs
        }
        closed.countDown();
    }

    @Test
    @Order(5)
    void theSessionsTranscriptShowsTheTurn(TestInfo info) throws IOException {
        browser.get(gateway.origin() + "/#sessions");
        await(By.cssSelector("button[aria-label='Open transcript of agent:main:main']")).click();
        WebElement transcript = await(By.id("transcript"));
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElement(transcript, "Hello from loop one"));
        assertThat(transcript.getText()).contains("hello there").contains("write me a long story")
                .contains("ASSISTANT · STOPPED\nOnce upon a time");
        screenshot(info);
    }

    @Test
    @Order(6)
    void theUsageChartHasAPointForTheTurn(TestInfo info) throws IOException {
        browser.get(gateway.origin() + "/#usage");
        WebElement chart = await(By.cssSelector("#usage-chart canvas"));
        assertThat(chart).isNotNull();
        waiting(WAIT).until(d -> Integer.parseInt(d.findElement(By.id("usage-chart")).getDomAttribute("data-points")) > 0);
        assertThat(await(By.id("usage-rows")).getText()).contains("loop/m1").contains("free (local)");
        screenshot(info);
    }

    @Test
    @Order(7)
    void otherPagesRenderAndNoRequestLeftTheOrigin(TestInfo info) throws IOException {
        browser.get(gateway.origin() + "/#config");
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-values"), "gateway.auth.token"));
        assertThat(browser.findElement(By.id("config-values")).getText()).contains("<redacted>")
                .contains("clawgate.json5:").doesNotContain(ConsoleGateway.TOKEN);
        browser.get(gateway.origin() + "/#routing");
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("decisions"), "flaky/m2=server-error"));
        browser.get(gateway.origin() + "/#logs");
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "model_fallback_decision"));
        browser.get(gateway.origin() + "/#pairing");
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "No chat channel is enabled"));
        screenshot(info);
        List<String> urls = networkEvents().stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
        assertThat(urls).isNotEmpty().allSatisfy(u -> assertThat(u).matches(
                "^(" + java.util.regex.Pattern.quote(gateway.origin()) + "/.*|data:.*|blob:.*)$"));
    }

    @Test
    @Order(8)
    void everyControlIsLabelledAndThePageFitsAPhoneInTheDarkTheme(TestInfo info) throws IOException {
        browser.get(gateway.origin() + "/#overview");
        await(By.cssSelector("[data-model='loop/m1'][data-state='healthy']"));
        Files.write(SHOTS.resolve("overview-desktop.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        for (String page : List.of("overview", "routing", "usage", "sessions", "chat", "pairing", "config", "logs")) {
            browser.get(gateway.origin() + "/#" + page);
            await(By.cssSelector("main[data-page='" + page + "'] h2"));
            Object unlabelled = browser.executeScript("return [...document.querySelectorAll('input, select, textarea, button')]"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                    + ".map(e => e.id || e.outerHTML)");
            assertThat((List<?>) unlabelled).as("controls without a label on " + page).isEmpty();
            Object overflow = browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow on " + page + " at phone width").isLessThanOrEqualTo(0);
        }
        Object background = browser.executeScript("return getComputedStyle(document.body).backgroundColor");
        assertThat(background).isEqualTo("rgb(18, 20, 23)");
        browser.get(gateway.origin() + "/#overview");
        await(By.cssSelector("[data-model='loop/m1']"));
        screenshot(info);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
