package io.bttspeed.bridge.app;

import io.bttspeed.bridge.demo.DemoSwarm;
import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real wallet service (its embedded devnet with instant blocks, in-memory H2) shared by
 * daemons, each under its own principal with its own funded wallet, as several daemons share one
 * wallet server in production. The swarm itself is {@link DemoSwarm}, which {@code speed-bridge
 * demo} runs; this keeps the tests' package-private view of it.
 */
final class SharedWalletSwarm implements AutoCloseable {
  final WalletApp walletService;
  final ManagedChannel connection;
  private final DemoSwarm swarm;

  /**
   * A daemon of the swarm.
   *
   * @param walletToken its principal's token on the wallet service
   * @param walletId its wallet there
   * @param peerPort where BitTorrent peers reach it
   */
  record Member(BridgeDaemon daemon, String walletToken, String walletId, int peerPort) {
    private DemoSwarm.Member demo() {
      return new DemoSwarm.Member("", daemon, walletToken, walletId, peerPort);
    }
  }

  SharedWalletSwarm(Path dir) {
    this(dir, DemoSwarm.Storage.MEMORY);
  }

  SharedWalletSwarm(Path dir, DemoSwarm.Storage storage) {
    swarm = new DemoSwarm(dir, storage);
    walletService = swarm.walletService();
    connection = swarm.connection();
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
    DemoSwarm.Member m = swarm.daemon(name);
    return new Member(m.daemon(), m.walletToken(), m.walletId(), m.peerPort());
  }

  /** A new principal with a wallet funded on the devnet. */
  Account account(String name) {
    DemoSwarm.Account account = swarm.account(name);
    return new Account(account.token(), account.walletId());
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
    return swarm.api(member.demo());
  }

  /** The member's TRON address (base58). */
  String address(Member member) {
    return swarm.address(member.demo());
  }

  /** The member's TRC-20 BTT balance on the devnet, base units. */
  BigInteger btt(Member member) {
    return swarm.btt(member.demo());
  }

  /** Call metadata carrying {@code token} as a bearer token, for either service. */
  static Metadata bearer(String token) {
    return DemoSwarm.bearer(token);
  }

  WalletServiceGrpc.WalletServiceBlockingStub wallets(String token) {
    return EmbeddedWallet.stub(connection, token, GrpcChannelWallet.Settings.DEFAULTS);
  }

  @Override
  public void close() {
    swarm.close();
  }
}
