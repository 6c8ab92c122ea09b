package io.bttspeed.system;

import io.bttspeed.bridge.app.DevnetFaucet;
import io.bttspeed.bridge.cli.SpeedBridgeCli;
import io.bttspeed.bridge.demo.DemoSwarm;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.ServeArgs;
import io.bttspeed.devnet.DevnetGenesis;
import io.bttspeed.devnet.cli.DevnetCommand;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.devnet.v1.AdvanceTimeRequest;
import io.bttspeed.proto.devnet.v1.DevnetControlGrpc;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.cli.WalletCli;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.tron.trident.api.GrpcAPI.EmptyMessage;
import org.tron.trident.api.WalletGrpc;

/**
 * The whole system on loopback, each component in its own JVM as an operator would run it: a devnet
 * that keeps its chain on disk, one wallet service on that devnet (its database on disk), and Speed
 * daemons, each under its own principal of the wallet service with its own funded wallet. Every
 * component keeps its ports and data directory for its life, so it can be killed (SIGKILL, by PID)
 * and started again as the same thing. Everything is written under the directory it is given.
 */
final class SystemSwarm implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Pattern ADMIN_TOKEN = Pattern.compile("^[^']*': (\\S+)");

  private final Path dir;
  private final Path log;
  private final int devnetPort = DemoSwarm.freePort();
  private final int walletPort = DemoSwarm.freePort();
  private final Path walletConfig;
  private final ManagedChannel walletConnection;
  private final Map<String, Daemon> daemons = new LinkedHashMap<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private ExternalProcess devnet;
  private ExternalProcess wallet;
  private String adminToken;

  /** A Speed daemon of the swarm, with what it keeps across restarts. */
  final class Daemon {
    final String name;
    final Path data;
    final int apiPort = DemoSwarm.freePort();
    final int peerPort = DemoSwarm.freePort();
    final String walletToken;
    final String walletId;
    private ExternalProcess jvm;
    private String apiToken;
    private SpeedServiceGrpc.SpeedServiceBlockingStub api;

    private Daemon(String name, String walletToken, String walletId) {
      this.name = name;
      this.data = dir.resolve("daemon-" + name);
      this.walletToken = walletToken;
      this.walletId = walletId;
    }

    private void start() {
      jvm =
          ChildJvm.start(
              name,
              SpeedBridgeCli.class,
              ServeArgs.of(
                  data,
                  apiPort,
                  peerPort,
                  "--wallet.endpoint",
                  "127.0.0.1:" + walletPort,
                  "--wallet.token",
                  walletToken,
                  "--wallet.id",
                  walletId),
              Map.of(),
              data,
              log);
      jvm.awaitLine("speed-bridge: API on", START);
      if (apiToken == null) {
        jvm.awaitLine("admin token (shown once): ", START);
        apiToken = jvm.textAfter("admin token (shown once): ").orElseThrow();
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", apiPort).usePlaintext().build();
        channels.add(channel);
        api =
            SpeedServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                    MetadataUtils.newAttachHeadersInterceptor(DemoSwarm.bearer(apiToken)));
      }
    }

    /** Its SpeedService, each call bounded; the same stub serves it across restarts. */
    SpeedServiceGrpc.SpeedServiceBlockingStub api() {
      return api.withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Its principal's ChannelService on the wallet service. */
    ChannelServiceGrpc.ChannelServiceBlockingStub channels() {
      return ChannelServiceGrpc.newBlockingStub(walletConnection)
          .withInterceptors(
              MetadataUtils.newAttachHeadersInterceptor(DemoSwarm.bearer(walletToken)))
          .withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Its TRC-20 BTT on chain, through the wallet service. */
    BigInteger btt() {
      return balance(walletToken, walletId);
    }

    void kill() {
      jvm.kill();
    }

    void restart() {
      start();
    }
  }

  private final Map<String, String> principalTokens = new LinkedHashMap<>();

  /**
   * Starts the devnet and the wallet service with one principal per future daemon, named in {@code
   * principals}; daemons are added with {@link #daemon}.
   */
  SystemSwarm(Path dir, List<String> principals) {
    this(dir, principals, List.of());
  }

  /**
   * As {@link #SystemSwarm(Path, List)}, with {@code walletSettings} ({@code key=value} lines)
   * added to the wallet service's configuration.
   */
  SystemSwarm(Path dir, List<String> principals, List<String> walletSettings) {
    this.dir = dir;
    this.log = logIn(dir);
    this.walletConfig = dir.resolve("wallet.properties");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          walletConfig,
          String.join(
              "\n",
              "tron.node=127.0.0.1:" + devnetPort,
              "data.dir=" + dir.resolve("wallet"),
              "listen.port=" + walletPort,
              // Keys of a throwaway devnet need no costly encryption; it would only slow the start.
              "keys.scrypt-log2n=10",
              String.join("\n", walletSettings),
              ""),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startDevnet();
    // Tokens for other principals than the admin are made on the wallet database with the service
    // stopped (the only way there is), so before its first start.
    for (String principal : principals) {
      principalTokens.put(principal, offlineToken(principal));
    }
    startWallet();
    walletConnection =
        NettyChannelBuilder.forAddress("127.0.0.1", walletPort).usePlaintext().build();
    channels.add(walletConnection);
  }

  /**
   * A new daemon under the principal {@code name}: its wallet is created and funded from a
   * development account, then the daemon is started.
   */
  Daemon daemon(String name) {
    String token = principalTokens.get(name);
    if (token == null) {
      throw new IllegalArgumentException("no principal " + name + " was made at the start");
    }
    String walletId =
        wallets(token)
            .createWallet(CreateWalletRequest.newBuilder().setLabel(name).build())
            .getWallet()
            .getWalletId();
    new DevnetFaucet(adminToken, walletConnection, CALL).fund(walletId, token);
    Awaitility.await("the funding of " + name + " to land")
        .atMost(START)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> balance(token, walletId).signum() > 0);
    Daemon daemon = new Daemon(name, token, walletId);
    daemon.start();
    daemons.put(name, daemon);
    return daemon;
  }

  private String offlineToken(String principal) {
    try (ExternalProcess cli =
        ChildJvm.start(
            "token-" + principal,
            WalletCli.class,
            List.of(
                "token",
                "create",
                "--config",
                walletConfig.toString(),
                "--name",
                principal,
                "--scopes",
                "read,spend"),
            Map.of(),
            dir,
            log)) {
      cli.awaitLine("btts_", START);
      return "btts_" + cli.textAfter("btts_").orElseThrow();
    }
  }

  void killDevnet() {
    devnet.kill();
  }

  void startDevnet() {
    devnet =
        ChildJvm.start(
            "devnet",
            DevnetCommand.class,
            List.of(
                "--port",
                Integer.toString(devnetPort),
                "--data-dir",
                dir.resolve("devnet").toString(),
                "--block-interval",
                "500"),
            Map.of(),
            dir.resolve("devnet"),
            log);
    devnet.awaitLine("devnet ready on", START);
  }

  /**
   * Moves the devnet's chain time to {@code target} (it never moves back) through its
   * DevnetControl, and returns the head's timestamp after it.
   */
  Instant advanceChainTimeTo(Instant target) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", devnetPort).usePlaintext().build();
    try {
      long now =
          WalletGrpc.newBlockingStub(channel)
              .withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS)
              .getNowBlock2(EmptyMessage.getDefaultInstance())
              .getBlockHeader()
              .getRawData()
              .getTimestamp();
      long seconds =
          Math.max(1, Duration.between(Instant.ofEpochMilli(now), target).toSeconds() + 1);
      return Instant.ofEpochMilli(
          DevnetControlGrpc.newBlockingStub(channel)
              .withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS)
              .advanceTime(AdvanceTimeRequest.newBuilder().setSeconds(seconds).build())
              .getHeadTimestampMs());
    } finally {
      channel.shutdownNow();
    }
  }

  void killWallet() {
    wallet.kill();
  }

  void startWallet() {
    wallet =
        ChildJvm.start(
            "wallet",
            WalletCli.class,
            List.of("serve", "--config", walletConfig.toString()),
            Map.of(),
            dir,
            log);
    wallet.awaitLine("wallet listening on", START);
    wallet.awaitLine("admin token for principal", START);
    Matcher m = ADMIN_TOKEN.matcher(wallet.textAfter("admin token for principal '").orElseThrow());
    if (!m.find()) {
      throw new IllegalStateException("no admin token in " + wallet.tail());
    }
    adminToken = m.group(1);
  }

  /** The devnet's TRC-20 BTT held by {@code walletId}, base units. */
  private BigInteger balance(String token, String walletId) {
    String btt = DevnetGenesis.standard().bttTokenAddress();
    return wallets(token)
        .getBalances(GetBalancesRequest.newBuilder().setWalletId(walletId).build())
        .getBalancesList()
        .stream()
        .filter(b -> b.getAsset().getTrc20ContractAddress().equals(btt))
        .map(b -> new BigInteger(b.getAmountBaseUnits()))
        .findFirst()
        .orElse(BigInteger.ZERO);
  }

  private WalletServiceGrpc.WalletServiceBlockingStub wallets(String token) {
    return WalletServiceGrpc.newBlockingStub(walletConnection)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(DemoSwarm.bearer(token)))
        .withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Where every component's output is appended, for a failing run to be read. */

  /**
   * Where a swarm in {@code dir} appends every component's output, known before it starts (a
   * component that fails to start is in it too).
   */
  static Path logIn(Path dir) {
    return dir.resolve("system.log");
  }

  /** Daemons first, then the wallet service, then the devnet: every process, by PID. */
  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    daemons.values().forEach(d -> d.jvm.close());
    if (wallet != null) {
      wallet.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }
}
