package io.bttspeed.bridge.app;

import io.bttspeed.bridge.api.SpeedServer;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The composition root of {@code speed-bridge serve}: the token store (the embedded wallet's database), the
 * channel wallet (a wallet service over gRPC, or one embedded), the engine, the torrent store and manager, and
 * the gRPC server, started in that order and closed in reverse.
 */
public final class BridgeDaemon implements AutoCloseable {
  private final Database wallet;
  private final DaemonWallet channelWallet;
  private final TorrentManager torrents;
  private final SpeedServer server;
  private final Optional<String> firstAdminToken;

  private BridgeDaemon(Database wallet, DaemonWallet channelWallet, TorrentManager torrents, SpeedServer server,
      Optional<String> token) {
    this.wallet = wallet;
    this.channelWallet = channelWallet;
    this.torrents = torrents;
    this.server = server;
    this.firstAdminToken = token;
  }

  /** Starts; an embedded wallet service embeds a devnet on disk with 3 s blocks when no node is set. */
  public static BridgeDaemon start(BridgeConfig config) {
    Path data = config.dataDirectory().toAbsolutePath();
    return start(config, DevnetConfig.persistent(data.resolve("wallet-service").resolve("devnet")).withPort(0));
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
    Optional<String> token = fresh
        ? Optional.of(principals.createToken("admin", EnumSet.allOf(Scope.class))) : Optional.empty();
    Engine engine = null;
    TorrentStore store = null;
    DaemonWallet channelWallet = null;
    try {
      channelWallet = DaemonWallet.start(data, config.wallet(), devnet, System.getenv());
      EngineSettings settings = EngineSettings.defaults(config.peerPort()).withListenAddress(config.peerAddress());
      engine = Engine.start(config.dht() ? settings.withDht(config.peerPort()) : settings);
      store = TorrentStore.open(data);
      TorrentManager torrents = new TorrentManager(engine, store, data, config.downloadDirectory(),
          Clock.systemUTC());
      torrents.restore();
      NettyServerBuilder builder = NettyServerBuilder.forAddress(
          new InetSocketAddress(config.listenAddress(), config.apiPort()), credentials(config));
      SpeedServer server = SpeedServer.start(builder, torrents, principals);
      return new BridgeDaemon(wallet, channelWallet, torrents, server, token);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
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
      return TlsServerCredentials.create(config.tls().get().certificateChain().toFile(),
          config.tls().get().privateKey().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key", e);
    }
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

  /** The embedded wallet service's port, which other daemons may share; empty with a configured one. */
  public Optional<Integer> embeddedWalletPort() {
    return channelWallet.embeddedPort();
  }

  @Override
  public void close() {
    server.close();
    torrents.close();
    channelWallet.close();
    wallet.close();
  }
}
