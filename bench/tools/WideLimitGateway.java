import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.gateway.CatalogModelDirectory;
import dev.clawgate.gateway.GatewayServer;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.routing.CatalogChainResolver;
import dev.clawgate.routing.CooldownTracker;
import dev.clawgate.routing.FailoverRouter;
import dev.clawgate.routing.LocalModelState;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.JdkHttpTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Bench only: Clawgate's gateway pipeline exactly as GatewayRuntime assembles it (config -> catalog -> chain
 * resolver -> failover router with cooldowns and the local load probe -> adapters over JdkHttpTransport ->
 * GatewayServer), but with limits.maxConcurrentCalls raised from its fixed default of 64, which no config
 * key changes today. Used only for the 1,000-open-streams footprint figure. No keep-warm pings, no config
 * watcher. Run: java -cp target/clawgate.jar bench/tools/WideLimitGateway.java CONFIG PORT MAX_CALLS
 */
public final class WideLimitGateway {
    public static void main(String[] args) throws Exception {
        Environment env = Environment.system();
        ConfigLoader loader = new ConfigLoader(env);
        LoadedConfig loaded = loader.load(loader.locate(Path.of(args[0])));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
        Clock clock = Clock.systemUTC();
        UpstreamAdapters adapters = new UpstreamAdapters(new JdkHttpTransport());
        FailoverRouter router = FailoverRouter.builder(new CatalogChainResolver(() -> catalog), adapters::forApi)
                .clock(clock).cooldowns(new CooldownTracker(clock)).loadProbe(new LocalModelState(clock)).build();
        GatewaySettings settings = GatewaySettings.loopback(Integer.parseInt(args[1]));
        settings = settings.withLimits(settings.limits().withMaxConcurrentCalls(Integer.parseInt(args[2])));
        GatewayServer server = new GatewayServer(settings, router, new CatalogModelDirectory(() -> catalog));
        server.start();
        System.out.println("wide-limit gateway on 127.0.0.1:" + server.port());
        new CountDownLatch(1).await();
    }
}
