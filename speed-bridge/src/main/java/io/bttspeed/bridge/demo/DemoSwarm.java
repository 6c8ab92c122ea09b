package io.bttspeed.bridge.demo;

import io.bttspeed.bridge.app.BridgeConfig;
import io.bttspeed.bridge.app.BridgeDaemon;
import io.bttspeed.bridge.app.DevnetFaucet;
import io.bttspeed.bridge.app.WalletSettings;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real wallet service (its embedded devnet with instant blocks, in-memory H2) shared by Speed
 * daemons on loopback, each under its own principal with its own funded wallet, as several daemons
 * share one wallet server in production. Everything on disk goes under the directory it is given.
 */
public final class DemoSwarm implements AutoCloseable {
  /** How long one wallet call may take; instant blocks make every call quick. */
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(60);

  private final WalletApp walletService;
  private final ManagedChannel connection;
  private final Path dir;
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private final List<ManagedChannel> apiChannels = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A daemon of the swarm.
   *
   * @param name its name in the swarm (and its data directory's)
   * @param walletToken its principal's token on the wallet service (read, spend)
   * @param walletId its wallet there
   * @param peerPort where BitTorrent peers reach it on loopback
   */
  public record Member(
      String name, BridgeDaemon daemon, String walletToken, String walletId, int peerPort) {
    /** The daemon's SpeedService admin token. */
    public String apiToken() {
      return daemon.firstAdminToken().orElseThrow();
    }
  }

  /**
   * A principal of the wallet service with its own funded wallet.
   *
   * @param token its bearer token (read, spend)
   */
  public record Account(String token, String walletId) {}

  /** Where the wallet service keeps its database and its devnet's chain. */
  public enum Storage {
    /** In the heap: fastest to start, and all a one-minute demo needs. */
    MEMORY,
    /**
     * In files under the swarm's directory, as a real wallet keeps them: a long run's heap then
     * holds the processes' state, not every voucher and block they stored.
     */
    DISK
  }

  /** Starts the wallet service and its devnet in memory, keeping its files under {@code dir}. */
  public DemoSwarm(Path dir) {
    this(dir, Storage.MEMORY);
  }

  /** Starts the wallet service and its devnet, keeping its files under {@code dir}. */
  public DemoSwarm(Path dir, Storage storage) {
    this.dir = dir;
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.resolve("shared-wallet").toString());
    Path shared = dir.resolve("shared-wallet").toAbsolutePath();
    p.setProperty(
        "db.url",
        storage == Storage.MEMORY
            ? "jdbc:h2:mem:daemon-wallets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
            : "jdbc:h2:file:" + shared.resolve("wallet"));
    // Keys of a throwaway devnet need no costly encryption; it would only slow the start.
    p.setProperty("keys.scrypt-log2n", "10");
    // The wallet's Prometheus endpoint on a free loopback port: its voucher and settlement counters
    // are
    // what an operator of the demo, and the benchmarks, read.
    p.setProperty("metrics.port", "0");
    walletService =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            (storage == Storage.MEMORY
                    ? DevnetConfig.inMemory()
                    : DevnetConfig.persistent(shared.resolve("devnet")).withPort(0))
                .withInstantBlocks());
    connection =
        NettyChannelBuilder.forAddress("127.0.0.1", walletService.port()).usePlaintext().build();
  }

  public WalletApp walletService() {
    return walletService;
  }

  /** A plaintext channel to the wallet service on loopback. */
  public ManagedChannel connection() {
    return connection;
  }

  /** Starts a daemon with its own principal's token and funded wallet on the shared service. */
  public Member daemon(String name) {
    Account account = account(name);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Path data = dir.resolve("daemon-" + name);
    int peerPort = freePort();
    BridgeDaemon daemon =
        BridgeDaemon.start(
            new BridgeConfig(
                data,
                loopback,
                0,
                loopback,
                peerPort,
                data.resolve("dl"),
                Optional.empty(),
                false,
                WalletSettings.of(
                    Optional.of("127.0.0.1:" + walletService.port()),
                    Optional.of(account.token()),
                    Optional.of(account.walletId()),
                    Optional.empty(),
                    0)));
    Member member = new Member(name, daemon, account.token(), account.walletId(), peerPort);
    members.add(member);
    return member;
  }

  /** A new principal with a wallet funded on the devnet (TRX, TRC-10 and TRC-20 BTT). */
  public Account account(String name) {
    String token =
        walletService
            .principals()
            .createToken("daemon-" + name, EnumSet.of(Scope.READ, Scope.SPEND));
    String walletId =
        wallets(token)
            .createWallet(CreateWalletRequest.newBuilder().setLabel(name).build())
            .getWallet()
            .getWalletId();
    new DevnetFaucet(walletService, connection, CALL_DEADLINE).fund(walletId, token);
    Deadline.poll(
        CALL_DEADLINE,
        "the devnet funding of " + name + " to land",
        () ->
            wallets(token)
                    .getBalances(GetBalancesRequest.newBuilder().setWalletId(walletId).build())
                    .getBalancesList()
                    .stream()
                    .filter(bal -> new BigInteger(bal.getAmountBaseUnits()).signum() > 0)
                    .count()
                >= 3);
    return new Account(token, walletId);
  }

  /** The member daemon's SpeedService API with its admin token; closed with the swarm. */
  public SpeedServiceGrpc.SpeedServiceBlockingStub api(Member member) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", member.daemon().apiPort())
            .usePlaintext()
            .build();
    apiChannels.add(channel);
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(member.apiToken())));
  }

  /** The member's principal's ChannelService on the wallet service. */
  public ChannelServiceGrpc.ChannelServiceBlockingStub channels(Member member) {
    return ChannelServiceGrpc.newBlockingStub(connection)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(member.walletToken())));
  }

  /** The member's TRON address (base58). */
  public String address(Member member) {
    return wallets(member.walletToken())
        .getWallet(GetWalletRequest.newBuilder().setWalletId(member.walletId()).build())
        .getWallet()
        .getAddress();
  }

  /** The member's TRC-20 BTT balance on the devnet, base units. */
  public BigInteger btt(Member member) {
    String token = walletService.devnet().orElseThrow().bttTokenAddress();
    return wallets(member.walletToken())
        .getBalances(GetBalancesRequest.newBuilder().setWalletId(member.walletId()).build())
        .getBalancesList()
        .stream()
        .filter(bal -> bal.getAsset().getTrc20ContractAddress().equals(token))
        .map(bal -> new BigInteger(bal.getAmountBaseUnits()))
        .findFirst()
        .orElse(BigInteger.ZERO);
  }

  /** The wallet service as {@code token}'s principal, each call bounded. */
  public WalletServiceGrpc.WalletServiceBlockingStub wallets(String token) {
    return WalletServiceGrpc.newBlockingStub(connection)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The daemons started so far, in order. */
  public List<Member> members() {
    return new ArrayList<>(members);
  }

  /** Call metadata carrying {@code token} as a bearer token, for either service. */
  public static Metadata bearer(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return md;
  }

  /**
   * A loopback port free now, never one handed out before in this JVM ({@link LoopbackPorts}).
   * BridgeConfig needs the peer port before the daemon binds it, and leechers are told it, so port
   * 0 will not do. Public for the tests, whose components keep their ports across restarts.
   */
  public static int freePort() {
    return LoopbackPorts.next();
  }

  /**
   * Daemons first (they hold channels to the wallet service), then the service. Once: a shutdown
   * hook may race an orderly close.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    apiChannels.forEach(ManagedChannel::shutdownNow);
    members.forEach(m -> m.daemon().close());
    connection.shutdownNow();
    walletService.close();
  }
}
