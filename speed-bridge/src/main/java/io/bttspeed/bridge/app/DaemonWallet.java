package io.bttspeed.bridge.app;

import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.devnet.DevnetConfig;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's channel wallet as its configuration says: a wallet service over gRPC, or an embedded
 * one.
 */
final class DaemonWallet implements AutoCloseable {

  private final GrpcChannelWallet wallet;
  private final Optional<EmbeddedWallet> embedded;

  private DaemonWallet(GrpcChannelWallet wallet, Optional<EmbeddedWallet> embedded) {
    this.wallet = wallet;
    this.embedded = embedded;
  }

  static DaemonWallet start(
      Path data, WalletSettings settings, DevnetConfig devnet, Map<String, String> env) {
    GrpcChannelWallet.Settings channels = GrpcChannelWallet.Settings.DEFAULTS;
    if (settings instanceof WalletSettings.Remote remote) {
      ManagedChannel connection =
          NettyChannelBuilder.forAddress(remote.host(), remote.port()).usePlaintext().build();
      try {
        return new DaemonWallet(
            GrpcChannelWallet.connect(
                connection, true, remote.token(), remote.walletId(), channels),
            Optional.empty());
      } catch (RuntimeException e) {
        connection.shutdownNow();
        throw e;
      }
    }
    EmbeddedWallet started =
        EmbeddedWallet.start(data, (WalletSettings.Embedded) settings, devnet, env, channels);
    return new DaemonWallet(started.wallet(), Optional.of(started));
  }

  GrpcChannelWallet wallet() {
    return wallet;
  }

  Optional<Integer> embeddedPort() {
    return embedded.map(EmbeddedWallet::port);
  }

  @Override
  public void close() {
    if (embedded.isPresent()) {
      embedded.get().close();
    } else {
      wallet.close();
    }
  }
}
