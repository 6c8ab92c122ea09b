package io.bttspeed.bridge.app;

import io.bttspeed.bridge.accounting.LedgerStore;
import io.bttspeed.bridge.api.SpeedServer;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.metrics.DaemonMetrics;
import io.bttspeed.bridge.speed.SpeedNode;
import io.bttspeed.bridge.speed.SpeedSettings;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.tron.supervision.Supervisor;
import io.bttspeed.wallet.metrics.MetricsEndpoint;
import io.bttspeed.wallet.metrics.Registries;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The composition root of {@code speed-bridge serve}: the token store (the embedded wallet's
 * database), the channel wallet (a wallet service over gRPC, or one embedded), the engine, the
 * torrent store and manager, and the gRPC server, started in that order and closed in reverse.
 */
public final class BridgeDaemon implements AutoCloseable {
  /**
   * DESIGN §5: four paid slots (filled by the auction; tit-for-tat takes those nobody bids for),
   * one tit-for-tat and one optimistic slot open to every peer, rotated every 3 rounds of 10 s.
   */
  static final ChokerSettings SPEED_CHOKER = new ChokerSettings(4, 1, 3, Duration.ofSeconds(10));

  private final Database wallet;
  private final DaemonWallet channelWallet;
  private final SpeedNode speed;
  private final TorrentManager torrents;
  private final SpeedServer server;
  private final Optional<String> firstAdminToken;
  private final Optional<MetricsEndpoint> metrics;

  private BridgeDaemon(
      Database wallet,
      DaemonWallet channelWallet,
      SpeedNode speed,
      TorrentManager torrents,
      SpeedServer server,
      Optional<String> token,
      Optional<MetricsEndpoint> metrics) {
    this.metrics = metrics;
    this.wallet = wallet;
    this.channelWallet = channelWallet;
    this.speed = speed;
    this.torrents = torrents;
    this.server = server;
    this.firstAdminToken = token;
  }

  /**
   * Starts; an embedded wallet service embeds a devnet on disk with 3 s blocks when no node is set.
   */
  public static BridgeDaemon start(BridgeConfig config) {
    Path data = config.dataDirectory().toAbsolutePath();
    return start(
        config,
        DevnetConfig.persistent(data.resolve("wallet-service").resolve("devnet")).withPort(0));
  }

  /** Starts; {@code devnet} is what an embedded wallet service embeds when no node is set. */
  public static BridgeDaemon start(BridgeConfig config, DevnetConfig devnet) {
    Path data = config.dataDirectory().toAbsolutePath();
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + data, e);
    }
    boolean fresh = !Files.exists(data.resolve("wallet.mv.db"));
    // AUTO_SERVER lets `speed-bridge token` add a token while the daemon runs.
    Database wallet = Database.open(walletUrl(data));
    PrincipalStore principals = new PrincipalStore(wallet, Clock.systemUTC(), new SecureRandom());
    Optional<String> token =
        fresh
            ? Optional.of(principals.createToken("admin", EnumSet.allOf(Scope.class)))
            : Optional.empty();
    TorrentStore store = null;
    DaemonWallet channelWallet = null;
    SpeedNode speed = null;
    try {
      channelWallet = DaemonWallet.start(data, config.wallet(), devnet, System.getenv());
      EngineSettings settings =
          EngineSettings.defaults(config.peerPort()).withListenAddress(config.peerAddress());
      store = TorrentStore.open(data);
      speed =
          SpeedNode.start(
              config.dht() ? settings.withDht(config.peerPort()) : settings,
              SPEED_CHOKER,
              channelWallet.wallet(),
              new LedgerStore(store.dataSource()),
              SpeedSettings.defaults(),
              Supervisor.process());
      TorrentManager torrents =
          new TorrentManager(
              speed.engine(),
              store,
              data,
              config.downloadDirectory(),
              Clock.systemUTC(),
              speed::torrentRemoved);
      torrents.restore();
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(config.listenAddress(), config.apiPort()), credentials(config));
      SpeedServer server =
          SpeedServer.start(
              builder, torrents, speed, channelWallet.wallet().hubs().keySet(), principals);
      Optional<MetricsEndpoint> metrics;
      SpeedNode node = speed;
      try {
        metrics =
            config
                .metrics()
                .map(
                    endpoint -> {
                      PrometheusMeterRegistry registry = Registries.prometheus();
                      DaemonMetrics gauges = new DaemonMetrics(registry, torrents, node);
                      return MetricsEndpoint.start(endpoint, registry, gauges::refresh);
                    });
      } catch (RuntimeException e) {
        // The rest is stopped below, as for any failed start.
        server.close();
        throw e;
      }
      return new BridgeDaemon(wallet, channelWallet, speed, torrents, server, token, metrics);
    } catch (RuntimeException e) {
      if (speed != null) {
        speed.close();
      }
      if (store != null) {
        store.close();
      }
      if (channelWallet != null) {
        channelWallet.close();
      }
      wallet.close();
      throw e;
    }
  }

  public static String walletUrl(Path data) {
    return "jdbc:h2:file:" + data.toAbsolutePath().resolve("wallet") + ";AUTO_SERVER=TRUE";
  }

  private static ServerCredentials credentials(BridgeConfig config) {
    if (config.tls().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    try {
      return TlsServerCredentials.create(
          config.tls().get().certificateChain().toFile(), config.tls().get().privateKey().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key", e);
    }
  }

  /** The Prometheus scrape endpoint's port, when {@code --metrics-port} is given. */
  public Optional<Integer> metricsPort() {
    return metrics.map(MetricsEndpoint::port);
  }

  public int apiPort() {
    return server.port();
  }

  /** The admin token made when the data directory was new (shown once). */
  public Optional<String> firstAdminToken() {
    return firstAdminToken;
  }

  /** The wallet the Speed protocol pays and is paid through. */
  public ChannelWallet channelWallet() {
    return channelWallet.wallet();
  }

  /**
   * The embedded wallet service's port, which other daemons may share; empty with a configured one.
   */
  public Optional<Integer> embeddedWalletPort() {
    return channelWallet.embeddedPort();
  }

  /** The Speed node: asks, bids, earnings and spending. */
  public SpeedNode speed() {
    return speed;
  }

  @Override
  public void close() {
    metrics.ifPresent(MetricsEndpoint::close);
    server.close();
    // The node first: its ticker and wallet workers write the ledgers into the store the manager
    // closes.
    speed.close();
    torrents.close();
    channelWallet.close();
    wallet.close();
  }
}
