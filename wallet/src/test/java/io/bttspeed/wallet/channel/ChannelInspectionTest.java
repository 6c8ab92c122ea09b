package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.GetChainInfoRequest;
import io.bttspeed.proto.channel.v1.GetChainInfoResponse;
import io.bttspeed.proto.channel.v1.InspectChannelRequest;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.store.WalletRecord;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a payee that has never seen a channel learns about it by id, read from the chain
 * (InspectChannel, GetChainInfo), and the idempotent Pay by cumulative amount, over real gRPC on
 * loopback on the real devnet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelInspectionTest {

  private static final Metadata.Key<String> CHANNEL_REASON =
      Metadata.Key.of("bttspeed-channel-reason", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir static Path dir;
  private ChannelNet net;
  private ChannelServer server;
  private ChannelServiceBlockingStub alice;
  private ChannelServiceBlockingStub bob;
  private ChannelServiceBlockingStub carol;
  private WalletRecord carolWallet;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
    server = new ChannelServer(net);
    alice = server.client("alice");
    bob = server.client("bob");
    carol = server.client("carol");
    DevelopmentAccount c = net.devnet.developmentAccounts().get(3);
    carolWallet =
        net.wallets.importPrivateKey(
            net.principals
                .authenticate(
                    net.principals.createToken(
                        "carol", java.util.Set.of(io.bttspeed.wallet.store.Scope.ADMIN)))
                .orElseThrow(),
            "carol",
            c.privateKeyHex());
  }

  @AfterAll
  void stop() {
    server.close();
    net.close();
  }

  private static io.bttspeed.proto.wallet.v1.Asset proto(Asset asset) {
    return asset instanceof Asset.Trc20 t
        ? io.bttspeed.proto.wallet.v1.Asset.newBuilder()
            .setTrc20ContractAddress(t.contract().base58())
            .build()
        : io.bttspeed.proto.wallet.v1.Asset.newBuilder().setTrc10TokenId("1002000").build();
  }

  private Channel open(Asset asset, long deposit) {
    return alice
        .openChannel(
            OpenChannelRequest.newBuilder()
                .setWalletId(net.payer.walletId().toString())
                .setPayeeAddress(net.payee.address().base58())
                .setAsset(proto(asset))
                .setDepositBaseUnits(Long.toString(deposit))
                .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli())
                .setIdempotencyKey(UUID.randomUUID().toString())
                .build())
        .getChannel();
  }

  private InspectChannelResponse inspectAsBob(String channelId, Asset asset) {
    return bob.inspectChannel(
        InspectChannelRequest.newBuilder()
            .setWalletId(net.payee.walletId().toString())
            .setChannelId(channelId)
            .setAsset(proto(asset))
            .build());
  }

  private PayResponse payUpTo(Channel c, long cumulative) {
    return alice.pay(
        PayRequest.newBuilder()
            .setChannel(ref(c))
            .setCumulativeBaseUnits(Long.toString(cumulative))
            .build());
  }

  private ChannelRef ref(Channel c) {
    return ChannelRef.newBuilder()
        .setWalletId(net.payer.walletId().toString())
        .setChannelId(c.getChannelId())
        .build();
  }

  private Channel payerView(Channel c) {
    return alice.getChannel(ref(c)).getChannel();
  }

  @Test
  void aPayeeThatNeverSawAChannelReadsItFromTheChainAndStoresNothing() {
    for (Asset asset : List.of(net.trc20(), net.trc10())) {
      Channel c = open(asset, 5_000);
      InspectChannelResponse seen = inspectAsBob(c.getChannelId(), asset);
      assertEquals(c.getChannelId(), seen.getChannelId());
      assertEquals(c.getHubAddress(), seen.getHubAddress());
      assertEquals(proto(asset), seen.getAsset());
      assertEquals(net.payer.address().base58(), seen.getPayerAddress());
      assertEquals(net.payee.address().base58(), seen.getPayeeAddress());
      assertEquals("5000", seen.getDepositBaseUnits());
      assertEquals("0", seen.getPaidOutBaseUnits());
      assertEquals("0", seen.getCumulativeBaseUnits());
      assertEquals(c.getExpiresAtUnixMs(), seen.getExpiresAtUnixMs());
      assertFalse(seen.getClosed());
      assertEquals(net.devnet.chainId(), seen.getChainId());
      assertEquals(ChannelRole.CHANNEL_ROLE_PAYEE, seen.getRole());
      assertTrue(seen.getChainTimeUnixMs() > 0);
      assertTrue(
          net.channels.store().find(net.payee.walletId(), idOf(c)).isEmpty(),
          "an inspection stores no row for the payee");
      // Without asset or hub every hub is searched; the payer sees its own side.
      InspectChannelResponse asPayer =
          alice.inspectChannel(
              InspectChannelRequest.newBuilder()
                  .setWalletId(net.payer.walletId().toString())
                  .setChannelId(c.getChannelId())
                  .build());
      assertEquals(ChannelRole.CHANNEL_ROLE_PAYER, asPayer.getRole());
      assertEquals(c.getHubAddress(), asPayer.getHubAddress());
    }
  }

  @Test
  void anInspectionSeesWhatTheChainHasNotWhatTheDatabaseRemembers() {
    Channel c = open(net.trc20(), 1_000);
    alice.topUpChannel(
        TopUpChannelRequest.newBuilder()
            .setChannel(ref(c))
            .setAmountBaseUnits("500")
            .setIdempotencyKey(UUID.randomUUID().toString())
            .build());
    assertEquals("1500", inspectAsBob(c.getChannelId(), net.trc20()).getDepositBaseUnits());
    PayResponse paid = payUpTo(c, 700);
    assertEquals("700", paid.getVoucher().getCumulativeBaseUnits());
    assertEquals(
        "700",
        alice
            .inspectChannel(
                InspectChannelRequest.newBuilder()
                    .setWalletId(net.payer.walletId().toString())
                    .setChannelId(c.getChannelId())
                    .setHubAddress(c.getHubAddress())
                    .build())
            .getCumulativeBaseUnits());
  }

  @Test
  void malformedUnknownAndForeignChannelsAreRefusedAndChangeNothing() {
    Channel c = open(net.trc10(), 1_000);
    int rowsBefore =
        net.channels
            .store()
            .list(
                net.bob.id(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty())
            .size();

    StatusRuntimeException malformed =
        assertThrows(StatusRuntimeException.class, () -> inspectAsBob("xyz", net.trc10()));
    assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode());

    StatusRuntimeException unknown =
        assertThrows(
            StatusRuntimeException.class, () -> inspectAsBob("ab".repeat(32), net.trc10()));
    assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());

    StatusRuntimeException unknownAnywhere =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                bob.inspectChannel(
                    InspectChannelRequest.newBuilder()
                        .setWalletId(net.payee.walletId().toString())
                        .setChannelId("cd".repeat(32))
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, unknownAnywhere.getStatus().getCode());

    // On the other hub the id is unknown, even though the channel exists on its own.
    StatusRuntimeException wrongHub =
        assertThrows(
            StatusRuntimeException.class, () -> inspectAsBob(c.getChannelId(), net.trc20()));
    assertEquals(Status.Code.NOT_FOUND, wrongHub.getStatus().getCode());

    StatusRuntimeException foreign =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                carol.inspectChannel(
                    InspectChannelRequest.newBuilder()
                        .setWalletId(carolWallet.walletId().toString())
                        .setChannelId(c.getChannelId())
                        .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, foreign.getStatus().getCode());
    assertEquals("NOT_PAYEE", foreign.getTrailers().get(CHANNEL_REASON));

    StatusRuntimeException notYourWallet =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                carol.inspectChannel(
                    InspectChannelRequest.newBuilder()
                        .setWalletId(net.payee.walletId().toString())
                        .setChannelId(c.getChannelId())
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, notYourWallet.getStatus().getCode());

    StatusRuntimeException both =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                bob.inspectChannel(
                    InspectChannelRequest.newBuilder()
                        .setWalletId(net.payee.walletId().toString())
                        .setChannelId(c.getChannelId())
                        .setAsset(proto(net.trc10()))
                        .setHubAddress(c.getHubAddress())
                        .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, both.getStatus().getCode());

    assertEquals(
        rowsBefore,
        net.channels
            .store()
            .list(
                net.bob.id(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty())
            .size());
    assertTrue(net.channels.store().find(carolWallet.walletId(), idOf(c)).isEmpty());
    assertEquals("0", payerView(c).getCumulativeBaseUnits());
  }

  @Test
  void chainInfoNamesTheChainItsHubsAndTheExpiryMargin() {
    GetChainInfoResponse info = bob.getChainInfo(GetChainInfoRequest.getDefaultInstance());
    assertEquals(net.devnet.chainId(), info.getChainId());
    assertEquals(Duration.ofMinutes(10).toMillis(), info.getExpiryMarginMs());
    assertEquals(2, info.getHubsCount());
    assertTrue(
        info.getHubsList().stream()
            .anyMatch(
                h ->
                    h.getAsset().equals(proto(net.trc10()))
                        && h.getHubAddress().equals(net.devnet.speedChannelsTrc10Address())));
    assertTrue(
        info.getHubsList().stream()
            .anyMatch(
                h ->
                    h.getAsset().equals(proto(net.trc20()))
                        && h.getHubAddress().equals(net.devnet.speedChannelsAddress())));
    assertTrue(info.getChainTimeUnixMs() > 0);
  }

  @Test
  void payingUpToATotalAlreadySignedReturnsThatVoucherAndPaysNothingMore() {
    Channel c = open(net.trc20(), 1_000);
    PayResponse first = payUpTo(c, 100);
    assertEquals("100", first.getVoucher().getCumulativeBaseUnits());
    assertEquals("100", first.getIncrementBaseUnits());
    assertEquals("900", first.getRemainingBaseUnits());

    PayResponse retry = payUpTo(c, 100);
    assertEquals(first.getVoucher(), retry.getVoucher());
    assertEquals("0", retry.getIncrementBaseUnits());

    PayResponse lower = payUpTo(c, 60);
    assertEquals(first.getVoucher(), lower.getVoucher());
    assertEquals("0", lower.getIncrementBaseUnits());

    PayResponse more = payUpTo(c, 150);
    assertEquals("150", more.getVoucher().getCumulativeBaseUnits());
    assertEquals("50", more.getIncrementBaseUnits());
    assertEquals("150", payerView(c).getCumulativeBaseUnits());
  }

  @Test
  void payRefusalsChangeNothing() {
    Channel c = open(net.trc20(), 1_000);
    payUpTo(c, 10);
    for (PayRequest bad :
        List.of(
            PayRequest.newBuilder().setChannel(ref(c)).build(),
            PayRequest.newBuilder()
                .setChannel(ref(c))
                .setIncrementBaseUnits("5")
                .setCumulativeBaseUnits("20")
                .build(),
            PayRequest.newBuilder().setChannel(ref(c)).setCumulativeBaseUnits("-3").build(),
            PayRequest.newBuilder().setChannel(ref(c)).setCumulativeBaseUnits("0").build(),
            PayRequest.newBuilder().setChannel(ref(c)).setCumulativeBaseUnits("1001").build(),
            PayRequest.newBuilder()
                .setChannel(
                    ChannelRef.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .setChannelId("zz"))
                .setCumulativeBaseUnits("20")
                .build())) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> alice.pay(bad));
      assertTrue(
          e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
              || e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION,
          e.getStatus().toString());
    }
    StatusRuntimeException overDeposit =
        assertThrows(StatusRuntimeException.class, () -> payUpTo(c, 1_001));
    assertEquals("DEPOSIT_EXHAUSTED", overDeposit.getTrailers().get(CHANNEL_REASON));
    // Bob is the payee: he cannot sign on Alice's channel.
    StatusRuntimeException notPayer =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                bob.pay(
                    PayRequest.newBuilder()
                        .setChannel(
                            ChannelRef.newBuilder()
                                .setWalletId(net.payee.walletId().toString())
                                .setChannelId(c.getChannelId()))
                        .setCumulativeBaseUnits("20")
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, notPayer.getStatus().getCode());
    assertEquals("10", payerView(c).getCumulativeBaseUnits());
  }

  @Test
  void manyThreadsPayingUpToTotalsTogetherNeverSignPastTheHighest() throws Exception {
    int threads = 32;
    long target = 10_000;
    Channel c = open(net.trc10(), 20_000);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<long[]>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<long[]> answers = new ArrayList<>();
                  ready.countDown();
                  go.await();
                  for (int i = 0; i < 10; i++) {
                    // Each thread asks for totals that only go up, ending at the target.
                    long asked =
                        i == 9 ? target : ThreadLocalRandom.current().nextLong(1, target + 1);
                    PayResponse p = payUpTo(c, asked);
                    answers.add(
                        new long[] {
                          asked,
                          Long.parseLong(p.getVoucher().getCumulativeBaseUnits()),
                          Long.parseLong(p.getIncrementBaseUnits())
                        });
                  }
                  return answers;
                }));
      }
      ready.await();
      go.countDown();
      long increments = 0;
      for (Future<List<long[]>> f : results) {
        for (long[] a : f.get()) {
          assertTrue(a[1] >= a[0], "a voucher covers what was asked");
          assertTrue(a[1] <= target, "never signed past the highest total asked");
          increments += a[2];
        }
      }
      assertEquals(target, increments, "the increments add up to the total, each paid once");
      assertEquals(Long.toString(target), payerView(c).getCumulativeBaseUnits());
    } finally {
      pool.shutdownNow();
    }
  }

  private static io.bttspeed.tron.id.ChannelId idOf(Channel c) {
    return io.bttspeed.tron.id.ChannelId.fromHex(c.getChannelId());
  }
}
