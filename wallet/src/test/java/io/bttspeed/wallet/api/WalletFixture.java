package io.bttspeed.wallet.api;

import static org.awaitility.Awaitility.await;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.GetTransferRequest;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A wallet server on loopback over an in-memory devnet and H2, plus authenticated client stubs. */
final class WalletFixture implements AutoCloseable {

  final WalletApp app;
  final ManagedChannel channel;

  WalletFixture(Path dataDir) {
    this(dataDir, "jdbc:h2:mem:wallet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  WalletFixture(Path dataDir, String databaseUrl) {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dataDir.toString());
    p.setProperty("db.url", databaseUrl);
    p.setProperty("confirm.poll-interval-ms", "25");
    p.setProperty("keys.scrypt-log2n", "10");
    app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory().withInstantBlocks());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
  }

  WalletServiceGrpc.WalletServiceBlockingStub client(String principal, Scope... scopes) {
    return withToken(app.principals().createToken(principal, Set.of(scopes)));
  }

  WalletServiceGrpc.WalletServiceBlockingStub withToken(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return WalletServiceGrpc.newBlockingStub(channel)
        .withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(md),
            new PerCallDeadline(Duration.ofSeconds(30)));
  }

  WalletServiceGrpc.WalletServiceBlockingStub anonymous() {
    return WalletServiceGrpc.newBlockingStub(channel);
  }

  List<DevelopmentAccount> devAccounts() {
    return app.devnet().orElseThrow().developmentAccounts();
  }

  static Transfer awaitFinal(
      WalletServiceGrpc.WalletServiceBlockingStub client, String transferId) {
    return await("transfer " + transferId + " to leave PENDING")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                client
                    .getTransfer(GetTransferRequest.newBuilder().setTransferId(transferId).build())
                    .getTransfer(),
            t -> t.getStatus() != TransferStatus.TRANSFER_STATUS_PENDING);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.close();
  }
}
