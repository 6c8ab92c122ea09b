package io.bttspeed.wallet.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetTransferRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.core.ApiWrapper;

/**
 * A node that answers SERVER_BUSY after the transfer was recorded and signed: the caller gets
 * UNAVAILABLE, the transfer stays recorded (a retry with the same key returns it), and the tracker
 * finishes it once the node takes transactions again — one transaction, paid once.
 */
class ServerBusyTest {
  @TempDir Path dir;

  @Test
  void busyNodeLeavesTheSendRecordedAndTheTrackerFinishesIt() throws Exception {
    // A pool of one transaction and blocks only when the test seals them: the pool stays full until
    // then.
    try (Devnet devnet =
        Devnet.start(
            DevnetConfig.inMemory().withBlockInterval(Duration.ofHours(1)).withMaxPending(1))) {
      Properties p = new Properties();
      p.setProperty("tron.network", "devnet");
      p.setProperty("tron.node", devnet.target());
      p.setProperty("listen.port", "0");
      p.setProperty("data.dir", dir.toString());
      p.setProperty("db.url", "jdbc:h2:mem:busy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      p.setProperty("confirm.poll-interval-ms", "25");
      p.setProperty("keys.scrypt-log2n", "10");
      try (WalletApp app =
          WalletApp.start(ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory())) {
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
        try {
          Metadata md = new Metadata();
          md.put(
              Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
              "Bearer " + app.principals().createToken("busy", Set.of(Scope.SPEND)));
          WalletServiceGrpc.WalletServiceBlockingStub client =
              WalletServiceGrpc.newBlockingStub(channel)
                  .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
          DevelopmentAccount payer = devnet.developmentAccounts().get(1);
          DevelopmentAccount payee = devnet.developmentAccounts().get(2);
          Wallet wallet =
              client
                  .importWallet(
                      ImportWalletRequest.newBuilder()
                          .setPrivateKeyHex(payer.privateKeyHex())
                          .build())
                  .getWallet();
          fillThePool(devnet);
          long payeeBefore =
              devnet
                  .node()
                  .account(io.bttspeed.tron.address.TronAddress.parse(payee.address()))
                  .orElseThrow()
                  .getBalance();

          SendRequest send =
              SendRequest.newBuilder()
                  .setWalletId(wallet.getWalletId())
                  .setAsset(Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()))
                  .setToAddress(payee.address())
                  .setAmountBaseUnits("777")
                  .setIdempotencyKey("while-busy")
                  .build();
          StatusRuntimeException busy =
              assertThrows(StatusRuntimeException.class, () -> client.send(send));
          assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode());
          Transfer recorded =
              client.listTransfers(ListTransfersRequest.getDefaultInstance()).getTransfers(0);
          assertEquals(TransferStatus.TRANSFER_STATUS_PENDING, recorded.getStatus());
          StatusRuntimeException retried =
              assertThrows(StatusRuntimeException.class, () -> client.send(send));
          assertEquals(
              Status.Code.UNAVAILABLE,
              retried.getStatus().getCode(),
              "still busy: tried again, not anew");
          assertEquals(
              1,
              client.listTransfers(ListTransfersRequest.getDefaultInstance()).getTransfersCount(),
              "a retry with the same key is the same transfer");

          Transfer last =
              await("the transfer to leave PENDING")
                  .atMost(Duration.ofSeconds(30))
                  .pollInterval(Duration.ofMillis(50))
                  .until(
                      () -> {
                        devnet.node().sealBlock();
                        return client
                            .getTransfer(
                                GetTransferRequest.newBuilder()
                                    .setTransferId(recorded.getTransferId())
                                    .build())
                            .getTransfer();
                      },
                      t -> t.getStatus() != TransferStatus.TRANSFER_STATUS_PENDING);
          assertEquals(TransferStatus.TRANSFER_STATUS_CONFIRMED, last.getStatus());
          assertEquals(
              1,
              client.listTransfers(ListTransfersRequest.getDefaultInstance()).getTransfersCount());
          assertEquals(
              payeeBefore + 777,
              devnet
                  .node()
                  .account(io.bttspeed.tron.address.TronAddress.parse(payee.address()))
                  .orElseThrow()
                  .getBalance(),
              "paid exactly once");
        } finally {
          channel.shutdownNow();
        }
      }
    }
  }

  /** Broadcasts one unrelated transfer straight to the node, filling its one-transaction pool. */
  private static void fillThePool(Devnet devnet) throws Exception {
    DevelopmentAccount other = devnet.developmentAccounts().get(5);
    ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), other.privateKeyHex());
    try {
      api.broadcastTransaction(
          api.signTransaction(
              api.transfer(other.address(), devnet.developmentAccounts().get(6).address(), 1)));
    } finally {
      api.close();
    }
    assertEquals(1, devnet.node().pendingCount());
  }
}
