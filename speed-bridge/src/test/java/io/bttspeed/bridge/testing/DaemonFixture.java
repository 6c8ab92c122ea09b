package io.bttspeed.bridge.testing;

import io.bttspeed.bridge.app.BridgeConfig;
import io.bttspeed.bridge.app.BridgeDaemon;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real daemon on loopback (API on a free port, peers on {@code peerPort}) and a client with its
 * admin token.
 */
public final class DaemonFixture implements AutoCloseable {
  public final BridgeDaemon daemon;
  public final ManagedChannel channel;
  public final String adminToken;
  public final int peerPort;

  public DaemonFixture(Path data, int peerPort) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.peerPort = peerPort;
    this.daemon =
        BridgeDaemon.start(
            new BridgeConfig(
                data,
                loopback,
                0,
                loopback,
                peerPort,
                data.resolve("downloads").toAbsolutePath(),
                Optional.empty(),
                false));
    this.adminToken = daemon.firstAdminToken().orElse("");
    this.channel =
        NettyChannelBuilder.forAddress("127.0.0.1", daemon.apiPort()).usePlaintext().build();
  }

  public SpeedServiceGrpc.SpeedServiceBlockingStub stub(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  public SpeedServiceGrpc.SpeedServiceBlockingStub admin() {
    return stub(adminToken);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    daemon.close();
  }
}
