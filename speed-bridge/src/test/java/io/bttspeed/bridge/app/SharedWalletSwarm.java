package io.bttspeed.bridge.app;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.devnet.DevnetConfig;
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

/**
 * One real wallet service (its embedded devnet with instant blocks, in-memory H2) shared by
 * daemons, each under its own principal with its own funded wallet, as several daemons share one
 * wallet server in production.
 */
final class SharedWalletSwarm implements AutoCloseable {
  final WalletApp walletService;
  final ManagedChannel connection;
  private final Path dir;
  private final List<Member> members = new ArrayList<>();
  private final List<ManagedChannel> apiChannels = new CopyOnWriteArrayList<>();

  /**
   * A daemon of the swarm.
   *
   * @param walletToken its principal's token on the wallet service
   * @param walletId its wallet there
   * @param peerPort where BitTorrent peers reach it
   */
  record Member(BridgeDaemon daemon, String walletToken, String walletId, int peerPort) {}

  SharedWalletSwarm(Path dir) {
    this.dir = dir;
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.resolve("shared-wallet").toString());
    p.setProperty(
        "db.url", "jdbc:h2:mem:daemon-wallets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    walletService =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory().withInstantBlocks());
    connection =
        NettyChannelBuilder.forAddress("127.0.0.1", walletService.port()).usePlaintext().build();
  }

  /**
   * A principal of the wallet service with its own funded wallet, for a daemon run here or in
   * another JVM.
   *
   * @param token its bearer token (read, spend)
   */
  record Account(String token, String walletId) {}

  /**
   * A daemon configured with its own principal's token and wallet on the shared wallet service,
   * funded.
   */
  Member daemon(String name) {
    Account account = account(name);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Path data = dir.resolve("daemon-" + name);
    int peerPort = TestFiles.freePort();
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
    Member member = new Member(daemon, account.token(), account.walletId(), peerPort);
    members.add(member);
    return member;
  }

  /** A new principal with a wallet funded on the devnet. */
  Account account(String name) {
    String token =
        walletService
            .principals()
            .createToken("daemon-" + name, EnumSet.of(Scope.READ, Scope.SPEND));
    String walletId =
        wallets(token)
            .createWallet(CreateWalletRequest.newBuilder().setLabel(name).build())
            .getWallet()
            .getWalletId();
    new DevnetFaucet(walletService, connection, Duration.ofSeconds(60)).fund(walletId, token);
    Await.until(
        Duration.ofSeconds(60),
        "the devnet funding lands",
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

  /**
   * Waits until the seeder's torrent shows a peer holding one of its paid slots (from
   * SubscribeTorrent's per-peer trades): tests cap the seeder's upload low until then, so that the
   * download does not finish on free slots while the bidder's channel is still being opened and
   * verified on a busy machine.
   */
  static void awaitPaidSlot(Member seeder, String infoHash, Duration timeout) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", seeder.daemon().apiPort())
            .usePlaintext()
            .build();
    try {
      var updates =
          SpeedServiceGrpc.newBlockingStub(channel)
              .withInterceptors(
                  MetadataUtils.newAttachHeadersInterceptor(
                      bearer(seeder.daemon().firstAdminToken().orElseThrow())))
              .withDeadlineAfter(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .subscribeTorrent(
                  io.bttspeed.proto.speed.v1.SubscribeTorrentRequest.newBuilder()
                      .setInfoHash(infoHash)
                      .setIntervalMs(200)
                      .build());
      while (updates.hasNext()) {
        if (updates.next().getPeersList().stream()
            .anyMatch(p -> p.hasSelling() && p.getSelling().getPaidSlot())) {
          return;
        }
      }
      throw new AssertionError("no peer got a paid slot");
    } finally {
      channel.shutdownNow();
    }
  }

  /** The member daemon's SpeedService API with its admin token; closed with the swarm. */
  SpeedServiceGrpc.SpeedServiceBlockingStub api(Member member) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", member.daemon().apiPort())
            .usePlaintext()
            .build();
    apiChannels.add(channel);
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(
                bearer(member.daemon().firstAdminToken().orElseThrow())));
  }

  /** The member's TRON address (base58). */
  String address(Member member) {
    return wallets(member.walletToken())
        .getWallet(GetWalletRequest.newBuilder().setWalletId(member.walletId()).build())
        .getWallet()
        .getAddress();
  }

  /** The member's TRC-20 BTT balance on the devnet, base units. */
  BigInteger btt(Member member) {
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

  /** Call metadata carrying {@code token} as a bearer token, for either service. */
  static Metadata bearer(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return md;
  }

  WalletServiceGrpc.WalletServiceBlockingStub wallets(String token) {
    return EmbeddedWallet.stub(connection, token, GrpcChannelWallet.Settings.DEFAULTS);
  }

  @Override
  public void close() {
    apiChannels.forEach(ManagedChannel::shutdownNow);
    members.forEach(m -> m.daemon().close());
    connection.shutdownNow();
    walletService.close();
  }
}
