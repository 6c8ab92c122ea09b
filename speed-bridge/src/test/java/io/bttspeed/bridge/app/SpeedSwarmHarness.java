package io.bttspeed.bridge.app;

import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SharedWalletSwarm} for code outside this package (the benchmarks): real daemons on
 * 127.0.0.1 sharing one real wallet service and devnet, each reached through its own SpeedService
 * API.
 */
public final class SpeedSwarmHarness implements AutoCloseable {
  private final SharedWalletSwarm swarm;
  private final List<ManagedChannel> channels = new ArrayList<>();

  /**
   * A daemon of the swarm: its API with its admin token, its peer port, its engine and its TRON
   * address.
   */
  public record Node(
      SpeedServiceGrpc.SpeedServiceBlockingStub api, int peerPort, Engine engine, String address) {}

  public SpeedSwarmHarness(Path dir) {
    this.swarm = new SharedWalletSwarm(dir);
  }

  /** Starts a daemon named {@code name} with its own funded wallet on the shared wallet service. */
  public Node daemon(String name) {
    SharedWalletSwarm.Member m = swarm.daemon(name);
    ManagedChannel api =
        NettyChannelBuilder.forAddress("127.0.0.1", m.daemon().apiPort()).usePlaintext().build();
    channels.add(api);
    String address =
        swarm
            .wallets(m.walletToken())
            .getWallet(GetWalletRequest.newBuilder().setWalletId(m.walletId()).build())
            .getWallet()
            .getAddress();
    return new Node(
        SpeedServiceGrpc.newBlockingStub(api)
            .withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(
                    bearer(m.daemon().firstAdminToken().orElseThrow()))),
        m.peerPort(),
        m.daemon().speed().engine(),
        address);
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    swarm.close();
  }

  private static Metadata bearer(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return md;
  }
}
