package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.ChannelTransaction;
import io.bttspeed.proto.channel.v1.ChannelTransactionKind;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeRequest;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeResponse;
import io.bttspeed.proto.channel.v1.EstimateOpen;
import io.bttspeed.proto.channel.v1.ExtendChannelRequest;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsRequest;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsResponse;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.OpenChannelResponse;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Channel costs in view, over real gRPC on loopback against the real devnet: every channel call
 * reports each transaction it sent with a fee equal to the TRX its sender lost, the estimates come
 * within their stated tolerance of what the chain then charged, and the history lists them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelCostsTest {

  @TempDir static Path dir;
  private ChannelNet net;
  private ChannelServer server;
  private ChannelServiceBlockingStub alice;
  private ChannelServiceBlockingStub bob;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
    server = new ChannelServer(net);
    alice = server.client("alice");
    bob = server.client("bob");
  }

  @AfterAll
  void stop() {
    server.close();
    net.close();
  }

  private Asset asset(String name) {
    return name.equals("trc20") ? net.trc20() : net.trc10();
  }

  private static io.bttspeed.proto.wallet.v1.Asset proto(Asset asset) {
    return asset instanceof Asset.Trc20 t
        ? io.bttspeed.proto.wallet.v1.Asset.newBuilder()
            .setTrc20ContractAddress(t.contract().base58())
            .build()
        : io.bttspeed.proto.wallet.v1.Asset.newBuilder().setTrc10TokenId("1002000").build();
  }

  private long trx(TronAddress owner) {
    return net.tron.account(owner).trxSun();
  }

  private static long fees(List<ChannelTransaction> txs) {
    return txs.stream().mapToLong(t -> Long.parseLong(t.getFeeSun())).sum();
  }

  private static List<ChannelTransactionKind> kinds(List<ChannelTransaction> txs) {
    return txs.stream().map(ChannelTransaction::getKind).toList();
  }

  /** Runs the call and checks the fees it reports are exactly the TRX {@code sender} lost. */
  private <T> T charged(
      TronAddress sender,
      Supplier<T> call,
      java.util.function.Function<T, List<ChannelTransaction>> txs) {
    long before = trx(sender);
    T answer = call.get();
    long after = trx(sender);
    List<ChannelTransaction> sent = txs.apply(answer);
    assertFalse(sent.isEmpty(), "the call reports the transactions it sent");
    for (ChannelTransaction t : sent) {
      assertEquals(
          Long.parseLong(t.getFeeSun()),
          Long.parseLong(t.getBandwidthFeeSun()) + Long.parseLong(t.getEnergyFeeSun()),
          "a transaction's fee is its bandwidth and energy fees");
      assertTrue(t.getBlockNumber() > 0);
      assertTrue(t.getSucceeded());
      assertEquals(64, t.getTxid().length());
    }
    assertEquals(before - after, fees(sent), "the fees reported are what the chain charged");
    return answer;
  }

  private OpenChannelRequest openRequest(Asset asset, long deposit, String key) {
    return OpenChannelRequest.newBuilder()
        .setWalletId(net.payer.walletId().toString())
        .setPayeeAddress(net.payee.address().base58())
        .setAsset(proto(asset))
        .setDepositBaseUnits(Long.toString(deposit))
        .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli())
        .setIdempotencyKey(key)
        .build();
  }

  private EstimateChannelFeeResponse estimateOpen(Asset asset, long deposit) {
    return alice.estimateChannelFee(
        EstimateChannelFeeRequest.newBuilder()
            .setWalletId(net.payer.walletId().toString())
            .setOpen(
                EstimateOpen.newBuilder()
                    .setPayeeAddress(net.payee.address().base58())
                    .setAsset(proto(asset))
                    .setDepositBaseUnits(Long.toString(deposit))
                    .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli()))
            .build());
  }

  private static void within(EstimateChannelFeeResponse estimate, List<ChannelTransaction> real) {
    assertEquals(
        kinds(real),
        estimate.getTransactionsList().stream().map(t -> t.getKind()).toList(),
        "the estimate names the transactions the call then sent");
    long actual = fees(real);
    long estimated = Long.parseLong(estimate.getFeeSun());
    assertTrue(
        Math.abs(actual - estimated) * 100 <= (long) estimate.getTolerancePercent() * actual,
        "estimated " + estimated + " sun, charged " + actual + " sun: " + estimate + " vs " + real);
  }

  private ChannelRef payerRef(Channel c) {
    return ChannelRef.newBuilder()
        .setWalletId(net.payer.walletId().toString())
        .setChannelId(c.getChannelId())
        .build();
  }

  private ChannelRef payeeRef(Channel c) {
    return ChannelRef.newBuilder()
        .setWalletId(net.payee.walletId().toString())
        .setChannelId(c.getChannelId())
        .build();
  }

  private void payAndAccept(Channel c, long increment) {
    var paid =
        alice.pay(
            PayRequest.newBuilder()
                .setChannel(payerRef(c))
                .setIncrementBaseUnits(Long.toString(increment))
                .build());
    bob.acceptVoucher(
        AcceptVoucherRequest.newBuilder()
            .setWalletId(net.payee.walletId().toString())
            .setVoucher(paid.getVoucher())
            .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"trc20", "trc10"})
  void everyChannelCallReportsEachTransactionWithTheFeeTheChainCharged(String name) {
    Asset asset = asset(name);
    EstimateChannelFeeResponse openEstimate = estimateOpen(asset, 40_000_000L);
    OpenChannelResponse opened =
        charged(
            net.payer.address(),
            () -> alice.openChannel(openRequest(asset, 40_000_000L, UUID.randomUUID().toString())),
            OpenChannelResponse::getTransactionsList);
    List<ChannelTransactionKind> expected =
        asset instanceof Asset.Trc20
            ? List.of(
                ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_APPROVE,
                ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_OPEN)
            : List.of(ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_OPEN);
    assertEquals(expected, kinds(opened.getTransactionsList()));
    List<ChannelTransaction> openTxs = opened.getTransactionsList();
    assertEquals(
        opened.getTxid(), openTxs.get(openTxs.size() - 1).getTxid(), "txid stays the open's");
    within(openEstimate, openTxs);
    Channel c = opened.getChannel();

    ChannelResponse topped =
        charged(
            net.payer.address(),
            () ->
                alice.topUpChannel(
                    TopUpChannelRequest.newBuilder()
                        .setChannel(payerRef(c))
                        .setAmountBaseUnits("1000")
                        .setIdempotencyKey(UUID.randomUUID().toString())
                        .build()),
            ChannelResponse::getTransactionsList);
    assertEquals(
        asset instanceof Asset.Trc20 ? 2 : 1, topped.getTransactionsCount(), topped.toString());
    assertEquals(
        ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_TOP_UP,
        topped.getTransactions(topped.getTransactionsCount() - 1).getKind());

    charged(
        net.payer.address(),
        () ->
            alice.extendChannel(
                ExtendChannelRequest.newBuilder()
                    .setChannel(payerRef(c))
                    .setExpiresAtUnixMs(net.expiry(Duration.ofDays(2)).toEpochMilli())
                    .build()),
        ChannelResponse::getTransactionsList);

    payAndAccept(c, 1_000);
    EstimateChannelFeeResponse settleEstimate =
        bob.estimateChannelFee(
            EstimateChannelFeeRequest.newBuilder()
                .setWalletId(net.payee.walletId().toString())
                .setSettleChannelId(c.getChannelId())
                .build());
    ChannelResponse settled =
        charged(
            net.payee.address(),
            () -> bob.settleChannel(payeeRef(c)),
            ChannelResponse::getTransactionsList);
    within(settleEstimate, settled.getTransactionsList());

    payAndAccept(c, 2_000);
    EstimateChannelFeeResponse closeEstimate =
        bob.estimateChannelFee(
            EstimateChannelFeeRequest.newBuilder()
                .setWalletId(net.payee.walletId().toString())
                .setCloseChannelId(c.getChannelId())
                .build());
    ChannelResponse closed =
        charged(
            net.payee.address(),
            () -> bob.closeChannel(payeeRef(c)),
            ChannelResponse::getTransactionsList);
    within(closeEstimate, closed.getTransactionsList());
    assertEquals(
        List.of(ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_CLOSE),
        kinds(closed.getTransactionsList()));
  }

  @Test
  void aReclaimReportsItsTransactionAndFee() {
    Channel c =
        alice
            .openChannel(
                openRequest(net.trc10(), 5_000, UUID.randomUUID().toString()).toBuilder()
                    .setExpiresAtUnixMs(net.expiry(Duration.ofMinutes(20)).toEpochMilli())
                    .build())
            .getChannel();
    net.advance(Duration.ofMinutes(30));
    ChannelResponse reclaimed =
        charged(
            net.payer.address(),
            () -> alice.reclaimChannel(payerRef(c)),
            ChannelResponse::getTransactionsList);
    assertEquals(
        List.of(ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_RECLAIM),
        kinds(reclaimed.getTransactionsList()));
  }

  @Test
  void historyListsTheApproveAndTheOpenAndARetryReportsThemAgain() {
    String key = UUID.randomUUID().toString();
    OpenChannelResponse opened = alice.openChannel(openRequest(net.trc20(), 7_000, key));
    OpenChannelResponse retried = alice.openChannel(openRequest(net.trc20(), 7_000, key));
    assertEquals(opened.getTransactionsList(), retried.getTransactionsList());

    ListChannelTransactionsResponse history =
        alice.listChannelTransactions(
            ListChannelTransactionsRequest.newBuilder()
                .setChannelId(opened.getChannel().getChannelId())
                .build());
    assertEquals(opened.getTransactionsList(), history.getTransactionsList());
    assertEquals(
        List.of(
            ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_APPROVE,
            ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_OPEN),
        kinds(history.getTransactionsList()));

    // Paged one at a time, forwards and back, the whole history comes out once, in order.
    ListChannelTransactionsResponse all =
        alice.listChannelTransactions(ListChannelTransactionsRequest.getDefaultInstance());
    long offset = 0;
    java.util.ArrayList<ChannelTransaction> paged = new java.util.ArrayList<>();
    while (true) {
      ListChannelTransactionsResponse page =
          alice.listChannelTransactions(
              ListChannelTransactionsRequest.newBuilder()
                  .setIndexOffset(offset)
                  .setMaxTransactions(1)
                  .build());
      if (page.getTransactionsCount() == 0) {
        break;
      }
      paged.addAll(page.getTransactionsList());
      offset = page.getLastIndexOffset();
    }
    assertEquals(all.getTransactionsList(), paged);
    ListChannelTransactionsResponse last =
        alice.listChannelTransactions(
            ListChannelTransactionsRequest.newBuilder()
                .setReversed(true)
                .setMaxTransactions(1)
                .build());
    assertEquals(
        List.of(all.getTransactions(all.getTransactionsCount() - 1)), last.getTransactionsList());

    // The payee's history is its own: the payer's approve and open are not in it.
    assertTrue(
        bob.listChannelTransactions(
                ListChannelTransactionsRequest.newBuilder()
                    .setChannelId(opened.getChannel().getChannelId())
                    .build())
            .getTransactionsList()
            .isEmpty());
  }

  @Test
  void hostileEstimateAndHistoryRequestsAreRefusedAndSendNothing() {
    long before = trx(net.payer.address());
    int history =
        alice
            .listChannelTransactions(ListChannelTransactionsRequest.getDefaultInstance())
            .getTransactionsCount();
    List<Runnable> refused =
        List.of(
            () ->
                alice.estimateChannelFee(
                    EstimateChannelFeeRequest.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .build()),
            () ->
                alice.estimateChannelFee(
                    EstimateChannelFeeRequest.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .setSettleChannelId("zz")
                        .build()),
            () ->
                alice.estimateChannelFee(
                    EstimateChannelFeeRequest.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .setOpen(
                            EstimateOpen.newBuilder()
                                .setPayeeAddress(net.payee.address().base58())
                                .setAsset(proto(net.trc20()))
                                .setDepositBaseUnits("-5")
                                .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli()))
                        .build()),
            () ->
                alice.estimateChannelFee(
                    EstimateChannelFeeRequest.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .setOpen(
                            EstimateOpen.newBuilder()
                                .setPayeeAddress(net.payee.address().base58())
                                .setAsset(proto(net.trc20()))
                                .setDepositBaseUnits("1" + "0".repeat(90))
                                .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli()))
                        .build()),
            () ->
                alice.listChannelTransactions(
                    ListChannelTransactionsRequest.newBuilder().setMaxTransactions(1001).build()),
            () ->
                alice.listChannelTransactions(
                    ListChannelTransactionsRequest.newBuilder().setIndexOffset(-1).build()),
            () ->
                alice.listChannelTransactions(
                    ListChannelTransactionsRequest.newBuilder().setChannelId("0x12").build()));
    for (Runnable call : refused) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getMessage());
    }
    // Settling a channel with nothing to settle is refused as SettleChannel would refuse it.
    Channel c =
        alice
            .openChannel(openRequest(net.trc10(), 3_000, UUID.randomUUID().toString()))
            .getChannel();
    before = trx(net.payer.address());
    history =
        alice
            .listChannelTransactions(ListChannelTransactionsRequest.getDefaultInstance())
            .getTransactionsCount();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                alice.estimateChannelFee(
                    EstimateChannelFeeRequest.newBuilder()
                        .setWalletId(net.payer.walletId().toString())
                        .setCloseChannelId(c.getChannelId())
                        .build()));
    assertTrue(
        e.getStatus().getCode() == Status.Code.NOT_FOUND
            || e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION,
        e.getMessage());
    assertEquals(before, trx(net.payer.address()), "an estimate sends nothing");
    assertEquals(
        history,
        alice
            .listChannelTransactions(ListChannelTransactionsRequest.getDefaultInstance())
            .getTransactionsCount());
  }
}
