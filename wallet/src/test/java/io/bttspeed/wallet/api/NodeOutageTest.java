package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
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
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wallet configured with an external node that goes away: callers get UNAVAILABLE, nothing
 * half-done.
 */
class NodeOutageTest {

  @TempDir Path dir;

  @Test
  void callsNeedingTheNodeAreUnavailableWhileItIsDownAndNothingIsRecordedBeforeValidation() {
    Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
    Properties p = new Properties();
    p.setProperty("tron.network", "devnet");
    p.setProperty("tron.node", devnet.target());
    p.setProperty("tron.call-deadline-ms", "1000");
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      try {
        Metadata md = new Metadata();
        md.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + app.principals().createToken("outage", Set.of(Scope.SPEND)));
        WalletServiceGrpc.WalletServiceBlockingStub client =
            WalletServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
        Wallet wallet =
            client
                .importWallet(
                    ImportWalletRequest.newBuilder()
                        .setPrivateKeyHex(devnet.developmentAccounts().get(1).privateKeyHex())
                        .build())
                .getWallet();
        devnet.close();

        StatusRuntimeException balances =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    client.getBalances(
                        GetBalancesRequest.newBuilder().setWalletId(wallet.getWalletId()).build()));
        assertEquals(Status.Code.UNAVAILABLE, balances.getStatus().getCode());
        assertTrue(
            balances.getStatus().getDescription().contains("try again"),
            balances.getStatus().getDescription());
        StatusRuntimeException send =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    client.send(
                        SendRequest.newBuilder()
                            .setWalletId(wallet.getWalletId())
                            .setAsset(Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()))
                            .setToAddress("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH")
                            .setAmountBaseUnits("1")
                            .setIdempotencyKey("during-outage")
                            .build()));
        assertEquals(Status.Code.UNAVAILABLE, send.getStatus().getCode());
        assertEquals(
            0, client.listTransfers(ListTransfersRequest.getDefaultInstance()).getTransfersCount());
      } finally {
        channel.shutdownNow();
      }
    } finally {
      devnet.close();
    }
  }
}
