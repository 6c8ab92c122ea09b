package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherResponse;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
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
import io.bttspeed.wallet.config.ConfigException;
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
 * The wallet service pointed at a node it does not embed (a devnet started by the test, reached
 * only through {@code tron.node}), with the channel contracts given by configuration: the whole
 * channel life over gRPC, and the start-up checks of that configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelExternalNodeTest {

  @TempDir static Path dir;
  private Devnet node;

  @BeforeAll
  void start() {
    node = Devnet.start(DevnetConfig.inMemory().withInstantBlocks().withPort(0));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private Properties walletOn(String network) {
    Properties p = new Properties();
    p.setProperty("tron.network", network);
    p.setProperty("tron.node", node.target());
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.resolve(UUID.randomUUID().toString()).toString());
    p.setProperty("db.url", "jdbc:h2:mem:external-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    p.setProperty("master-passphrase.env", "BTTSPEED_TEST_UNSET_PASSPHRASE");
    p.setProperty("dev-mode", "true");
    return p;
  }

  private Properties withHubs(Properties p) {
    p.setProperty("channels.hub.trc20", node.speedChannelsAddress());
    p.setProperty("channels.token.trc20", node.bttTokenAddress());
    p.setProperty("channels.hub.trc10", node.speedChannelsTrc10Address());
    p.setProperty("channels.chain-id", "0x" + Long.toHexString(node.chainId()));
    return p;
  }

  private static <S extends AbstractStub<S>> S authed(WalletApp app, S stub, String principal) {
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + app.principals().createToken(principal, Set.of(Scope.ADMIN)));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private Wallet importDev(WalletServiceGrpc.WalletServiceBlockingStub wallets, int index) {
    return wallets
        .importWallet(
            ImportWalletRequest.newBuilder()
                .setLabel("dev" + index)
                .setPrivateKeyHex(node.developmentAccounts().get(index).privateKeyHex())
                .build())
        .getWallet();
  }

  private static BigInteger balance(
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
  void configuredHubsOnAnExternalNodeCarryAChannelFromOpenToSettle() {
    try (WalletApp app =
        WalletApp.start(ConfigLoader.fromProperties(withHubs(walletOn("devnet")), Map.of()))) {
      assertTrue(app.devnet().isEmpty());
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      try {
        WalletServiceGrpc.WalletServiceBlockingStub aliceWallets =
            authed(app, WalletServiceGrpc.newBlockingStub(channel), "alice");
        WalletServiceGrpc.WalletServiceBlockingStub bobWallets =
            authed(app, WalletServiceGrpc.newBlockingStub(channel), "bob");
        ChannelServiceBlockingStub alice =
            authed(app, ChannelServiceGrpc.newBlockingStub(channel), "alice");
        ChannelServiceBlockingStub bob =
            authed(app, ChannelServiceGrpc.newBlockingStub(channel), "bob");
        Wallet payer = importDev(aliceWallets, 1);
        Wallet payee = importDev(bobWallets, 2);
        Asset btt = Asset.newBuilder().setTrc20ContractAddress(node.bttTokenAddress()).build();
        BigInteger payeeBefore = balance(bobWallets, payee, btt);
        BigInteger deposit = BigInteger.TEN.pow(20);

        Channel c =
            alice
                .openChannel(
                    OpenChannelRequest.newBuilder()
                        .setWalletId(payer.getWalletId())
                        .setPayeeAddress(payee.getAddress())
                        .setAsset(btt)
                        .setDepositBaseUnits(deposit.toString())
                        .setExpiresAtUnixMs(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(2))
                        .setIdempotencyKey("external-open")
                        .build())
                .getChannel();
        assertEquals(node.speedChannelsAddress(), c.getHubAddress());
        PayResponse paid =
            alice.pay(
                PayRequest.newBuilder()
                    .setChannel(
                        ChannelRef.newBuilder()
                            .setWalletId(payer.getWalletId())
                            .setChannelId(c.getChannelId()))
                    .setIncrementBaseUnits("123456789")
                    .build());
        AcceptVoucherResponse accepted =
            bob.acceptVoucher(
                AcceptVoucherRequest.newBuilder()
                    .setWalletId(payee.getWalletId())
                    .setVoucher(paid.getVoucher())
                    .build());
        assertEquals("123456789", accepted.getAcceptedCumulativeBaseUnits());
        Channel settled =
            bob.settleChannel(
                    ChannelRef.newBuilder()
                        .setWalletId(payee.getWalletId())
                        .setChannelId(c.getChannelId())
                        .build())
                .getChannel();

        assertEquals("123456789", settled.getPaidOutBaseUnits());
        assertEquals(
            payeeBefore.add(BigInteger.valueOf(123_456_789)), balance(bobWallets, payee, btt));
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void aChainIdOtherThanTheNodesStopsTheStartNamingTheKey() {
    Properties p = withHubs(walletOn("devnet"));
    p.setProperty("channels.chain-id", "0x" + Long.toHexString(node.chainId() ^ 1));
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> WalletApp.start(ConfigLoader.fromProperties(p, Map.of())));
    assertTrue(e.getMessage().contains("channels.chain-id"), e.getMessage());
    assertTrue(e.getMessage().contains(node.target()), e.getMessage());
  }

  @Test
  void withoutHubsOnANodeOfNileTheChannelServiceStaysOff() {
    try (WalletApp app = WalletApp.start(ConfigLoader.fromProperties(walletOn("nile"), Map.of()))) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      try {
        StatusRuntimeException off =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    authed(app, ChannelServiceGrpc.newBlockingStub(channel), "carol")
                        .listChannels(ListChannelsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, off.getStatus().getCode());
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
