package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
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
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole wallet service as it ships: WalletApp with its embedded devnet, the real auth
 * interceptor, and a payer and a payee principal exchanging thousands of TRC-20 BTT vouchers
 * through ChannelService; balances are read back through WalletService.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelAppTest {

  private static final int VOUCHERS = 2_000;

  @TempDir static Path dir;
  private WalletApp app;
  private ManagedChannel channel;

  @BeforeAll
  void start() {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:channels-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory().withInstantBlocks());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    app.close();
  }

  private <S extends AbstractStub<S>> S authed(S stub, String principal, Scope scope) {
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + app.principals().createToken(principal, Set.of(scope)));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  private Wallet importDev(WalletServiceGrpc.WalletServiceBlockingStub wallets, int index) {
    DevelopmentAccount dev = app.devnet().orElseThrow().developmentAccounts().get(index);
    return wallets
        .importWallet(
            ImportWalletRequest.newBuilder()
                .setLabel("dev" + index)
                .setPrivateKeyHex(dev.privateKeyHex())
                .build())
        .getWallet();
  }

  private BigInteger balance(
      WalletServiceGrpc.WalletServiceBlockingStub wallets, Wallet w, Asset asset) {
    return new BigInteger(
        wallets
            .getBalances(
                GetBalancesRequest.newBuilder()
                    .setWalletId(w.getWalletId())
                    .addAssets(asset)
                    .build())
            .getBalances(0)
            .getAmountBaseUnits());
  }

  @Test
  void payerAndPayeeExchangeThousandsOfVouchersAndBalancesMoveByExactlyTheLastAmount() {
    WalletServiceGrpc.WalletServiceBlockingStub aliceWallets =
        authed(WalletServiceGrpc.newBlockingStub(channel), "alice", Scope.SPEND);
    WalletServiceGrpc.WalletServiceBlockingStub bobWallets =
        authed(WalletServiceGrpc.newBlockingStub(channel), "bob", Scope.SPEND);
    ChannelServiceBlockingStub alice =
        authed(ChannelServiceGrpc.newBlockingStub(channel), "alice", Scope.SPEND);
    ChannelServiceBlockingStub bob =
        authed(ChannelServiceGrpc.newBlockingStub(channel), "bob", Scope.SPEND);
    Wallet payer = importDev(aliceWallets, 6);
    Wallet payee = importDev(bobWallets, 7);
    Asset btt =
        Asset.newBuilder()
            .setTrc20ContractAddress(app.devnet().orElseThrow().bttTokenAddress())
            .build();
    BigInteger payerBefore = balance(aliceWallets, payer, btt);
    BigInteger payeeBefore = balance(bobWallets, payee, btt);
    BigInteger deposit = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000));

    Channel c =
        alice
            .openChannel(
                OpenChannelRequest.newBuilder()
                    .setWalletId(payer.getWalletId())
                    .setPayeeAddress(payee.getAddress())
                    .setAsset(btt)
                    .setDepositBaseUnits(deposit.toString())
                    .setExpiresAtUnixMs(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(2))
                    .setIdempotencyKey("app-open")
                    .build())
            .getChannel();
    ChannelRef payerRef =
        ChannelRef.newBuilder()
            .setWalletId(payer.getWalletId())
            .setChannelId(c.getChannelId())
            .build();
    ChannelRef payeeRef =
        ChannelRef.newBuilder()
            .setWalletId(payee.getWalletId())
            .setChannelId(c.getChannelId())
            .build();
    BigInteger step = BigInteger.TEN.pow(15);
    BigInteger last = BigInteger.ZERO;
    for (int i = 0; i < VOUCHERS; i++) {
      PayResponse paid =
          alice.pay(
              PayRequest.newBuilder()
                  .setChannel(payerRef)
                  .setIncrementBaseUnits(step.toString())
                  .build());
      last = new BigInteger(paid.getVoucher().getCumulativeBaseUnits());
      bob.acceptVoucher(
          AcceptVoucherRequest.newBuilder()
              .setWalletId(payee.getWalletId())
              .setVoucher(paid.getVoucher())
              .build());
    }
    assertEquals(step.multiply(BigInteger.valueOf(VOUCHERS)), last);
    bob.settleChannel(payeeRef);
    Channel closed = bob.closeChannel(payeeRef).getChannel();

    assertEquals(ChannelState.CHANNEL_STATE_CLOSED, closed.getState());
    assertEquals(payeeBefore.add(last), balance(bobWallets, payee, btt));
    assertEquals(payerBefore.subtract(last), balance(aliceWallets, payer, btt));
    assertEquals(1, bob.listChannels(ListChannelsRequest.getDefaultInstance()).getChannelsCount());
  }

  @Test
  void channelCallsNeedATokenWithTheRightScope() {
    StatusRuntimeException anonymous =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ChannelServiceGrpc.newBlockingStub(channel)
                    .listChannels(ListChannelsRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    ChannelServiceBlockingStub reader =
        authed(ChannelServiceGrpc.newBlockingStub(channel), "reader", Scope.READ);
    reader.listChannels(ListChannelsRequest.getDefaultInstance());
    StatusRuntimeException denied =
        assertThrows(
            StatusRuntimeException.class,
            () -> reader.pay(PayRequest.newBuilder().setIncrementBaseUnits("1").build()));
    assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
  }
}
