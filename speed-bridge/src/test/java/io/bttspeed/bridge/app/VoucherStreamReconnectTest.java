package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payee's one voucher stream outlives its wallet service: stopped, the service's unanswered
 * vouchers fail as UNAVAILABLE; started again on the same port, the next voucher opens a new stream
 * and is stored.
 */
class VoucherStreamReconnectTest {

  @TempDir Path dir;

  private WalletApp start(int port) {
    Properties p = new Properties();
    p.setProperty("listen.port", Integer.toString(port));
    p.setProperty("data.dir", dir.resolve("wallet").toString());
    p.setProperty("keys.scrypt-log2n", "10");
    return WalletApp.start(
        ConfigLoader.fromProperties(p, Map.of()),
        DevnetConfig.persistent(dir.resolve("devnet")).withInstantBlocks().withPort(0));
  }

  private static GrpcChannelWallet connect(int port, String token, String walletId) {
    ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    return GrpcChannelWallet.connect(c, true, token, walletId, GrpcChannelWallet.Settings.DEFAULTS);
  }

  @Test
  void aStreamThatDropsFailsItsVouchersAsUnavailableAndTheNextVoucherReopensIt() throws Exception {
    int port = TestFiles.freePort();
    WalletApp app = start(port);
    ManagedChannel admin = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    GrpcChannelWallet payer = null;
    GrpcChannelWallet payee = null;
    try {
      String payerToken =
          app.principals().createToken("payer", EnumSet.of(Scope.READ, Scope.SPEND));
      String payeeToken =
          app.principals().createToken("payee", EnumSet.of(Scope.READ, Scope.SPEND));
      GrpcChannelWallet.Settings s = GrpcChannelWallet.Settings.DEFAULTS;
      String payerId =
          EmbeddedWallet.stub(admin, payerToken, s)
              .createWallet(CreateWalletRequest.newBuilder().setLabel("payer").build())
              .getWallet()
              .getWalletId();
      String payeeId =
          EmbeddedWallet.stub(admin, payeeToken, s)
              .createWallet(CreateWalletRequest.newBuilder().setLabel("payee").build())
              .getWallet()
              .getWalletId();
      new DevnetFaucet(app, admin, Duration.ofSeconds(60)).fund(payerId, payerToken);
      Await.until(
          Duration.ofSeconds(60),
          "the payer is funded",
          () ->
              EmbeddedWallet.stub(admin, payerToken, s)
                      .getBalances(GetBalancesRequest.newBuilder().setWalletId(payerId).build())
                      .getBalancesList()
                      .stream()
                      .filter(b -> new BigInteger(b.getAmountBaseUnits()).signum() > 0)
                      .count()
                  >= 3);
      payer = connect(port, payerToken, payerId);
      payee = connect(port, payeeToken, payeeId);
      Asset btt = new Asset.Trc10(1_002_000L);
      ChannelView c =
          payer.ensureChannel(payee.address(), btt, amount(btt, 100), amount(btt, 1_000));
      assertEquals(
          amount(btt, 10),
          payee.accept(payer.payUpTo(c.id(), amount(btt, 10))).get(60, TimeUnit.SECONDS));
      SignedVoucher v20 = payer.payUpTo(c.id(), amount(btt, 20));
      SignedVoucher v30 = payer.payUpTo(c.id(), amount(btt, 30));

      GrpcChannelWallet receiver = payee;
      app.close();
      app = null;
      ExecutionException down =
          assertThrows(
              ExecutionException.class, () -> receiver.accept(v20).get(60, TimeUnit.SECONDS));
      assertEquals(
          ChannelWalletException.Reason.UNAVAILABLE,
          ((ChannelWalletException) down.getCause()).reason());

      app = start(port);
      AtomicReference<Amount> stored = new AtomicReference<>();
      Await.until(
          Duration.ofSeconds(60),
          "a voucher is stored after the restart",
          () -> {
            try {
              stored.set(receiver.accept(v30).get(60, TimeUnit.SECONDS));
              return true;
            } catch (ExecutionException e) {
              return false;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      assertEquals(amount(btt, 30), stored.get());
      // The replayed lower voucher changes nothing; the stream is the same one now.
      assertEquals(amount(btt, 30), payee.accept(v20).get(60, TimeUnit.SECONDS));
    } finally {
      if (payer != null) {
        payer.close();
      }
      if (payee != null) {
        payee.close();
      }
      admin.shutdownNow();
      if (app != null) {
        app.close();
      }
    }
  }

  private static Amount amount(Asset asset, long units) {
    return new Amount(asset, BigInteger.valueOf(units));
  }
}
