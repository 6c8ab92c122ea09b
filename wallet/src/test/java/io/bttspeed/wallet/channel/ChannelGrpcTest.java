package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherResponse;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelEvent;
import io.bttspeed.proto.channel.v1.ChannelEventKind;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.channel.v1.SubscribeChannelEventsRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.proto.channel.v1.VoucherRefusal;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A payer and a payee wallet exchanging vouchers over real gRPC on loopback, on the real devnet:
 * thousands of vouchers, then settle and close, and the balances move by exactly the last
 * cumulative amount; every way of cheating a payee tried through the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelGrpcTest {

  private static final int VOUCHERS = 3_000;

  @TempDir static Path dir;
  private ChannelNet net;
  private ChannelServer server;
  private ChannelServiceBlockingStub alice;
  private ChannelServiceBlockingStub bob;

  @BeforeAll
  void start() {
    net = newNet(ChannelNet.manualSettlement());
    server = new ChannelServer(net);
    alice = server.client("alice");
    bob = server.client("bob");
  }

  /** The devnet and wallet database the cases run on; H2 here, PostgreSQL in a subclass. */
  ChannelNet newNet(SettlementPolicy policy) {
    return new ChannelNet(dir, policy);
  }

  @AfterAll
  void stop() {
    server.close();
    net.close();
  }

  Stream<String> assets() {
    return Stream.of("trc20", "trc10");
  }

  private io.bttspeed.proto.wallet.v1.Asset proto(Asset asset) {
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
                .setIdempotencyKey(java.util.UUID.randomUUID().toString())
                .build())
        .getChannel();
  }

  private PayResponse pay(Channel c, long increment) {
    return alice.pay(
        PayRequest.newBuilder()
            .setChannel(ref(net.payer.walletId(), c))
            .setIncrementBaseUnits(Long.toString(increment))
            .build());
  }

  private AcceptVoucherResponse accept(Voucher v) {
    return bob.acceptVoucher(
        AcceptVoucherRequest.newBuilder()
            .setWalletId(net.payee.walletId().toString())
            .setVoucher(v)
            .build());
  }

  private static ChannelRef ref(WalletId walletId, Channel c) {
    return ChannelRef.newBuilder()
        .setWalletId(walletId.toString())
        .setChannelId(c.getChannelId())
        .build();
  }

  @ParameterizedTest
  @MethodSource("assets")
  void thousandsOfVouchersThenSettleAndCloseMoveBalancesByExactlyTheLastCumulativeAmount(
      String name) {
    Asset asset = name.equals("trc20") ? net.trc20() : net.trc10();
    long deposit = 50_000_000L;
    Channel c = open(asset, deposit);
    BigInteger payerAfterOpen = net.balance(asset, net.payer.address());
    BigInteger payeeBefore = net.balance(asset, net.payee.address());

    long expected = 0;
    for (int i = 1; i <= VOUCHERS; i++) {
      long increment = 1 + (i % 7);
      PayResponse paid = pay(c, increment);
      expected += increment;
      assertEquals(Long.toString(expected), paid.getVoucher().getCumulativeBaseUnits());
      AcceptVoucherResponse accepted = accept(paid.getVoucher());
      assertEquals(Long.toString(increment), accepted.getIncrementBaseUnits());
      if (i == VOUCHERS / 2) {
        bob.settleChannel(ref(net.payee.walletId(), c));
      }
    }
    Channel closed = bob.closeChannel(ref(net.payee.walletId(), c)).getChannel();

    assertEquals(ChannelState.CHANNEL_STATE_CLOSED, closed.getState());
    assertEquals(Long.toString(expected), closed.getPaidOutBaseUnits());
    assertEquals(
        payeeBefore.add(BigInteger.valueOf(expected)), net.balance(asset, net.payee.address()));
    assertEquals(
        payerAfterOpen.add(BigInteger.valueOf(deposit - expected)),
        net.balance(asset, net.payer.address()));
  }

  @Test
  void payAboveTheDepositIsFailedPreconditionNamingTheChannelAndReason() {
    Channel c = open(net.trc10(), 100);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> pay(c, 101));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains(c.getChannelId()), e.getStatus().getDescription());
    assertTrue(
        e.getStatus().getDescription().contains("deposit exhausted"),
        e.getStatus().getDescription());
  }

  @Test
  void everyForgedVoucherIsRefusedThroughTheServiceAndChangesNothing() {
    Channel c = open(net.trc10(), 1_000);
    Voucher good = pay(c, 100).getVoucher();
    accept(good);
    ChannelHub hub = net.hubs.forAsset(net.trc10());
    ChannelId id = ChannelId.fromHex(c.getChannelId());
    TronKey payer = net.wallets.key(net.payer);
    TronKey stranger =
        TronKey.ofPrivateKeyHex(net.devnet.developmentAccounts().get(3).privateKeyHex());
    byte[] goodSig = HexFormat.of().parseHex(good.getSignatureHex());

    List<Voucher> forged = new ArrayList<>();
    // The amount raised without a new signature.
    forged.add(good.toBuilder().setCumulativeBaseUnits("900").build());
    // Signed by someone other than the payer.
    forged.add(signed(good, new VoucherSigner(hub.domain()), 900, stranger));
    // Signed by the payer, but for another network's chain id.
    forged.add(
        signed(
            good,
            new VoucherSigner(new Tip712Domain(hub.chainId() + 1, ChannelHub.evm(hub.address()))),
            900,
            payer));
    // The malleable high-s twin of a valid signature.
    forged.add(good.toBuilder().setSignatureHex(HexFormat.of().formatHex(highS(goodSig))).build());
    // A truncated signature.
    forged.add(good.toBuilder().setSignatureHex(good.getSignatureHex().substring(0, 128)).build());
    for (Voucher v : forged) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> accept(v));
      assertEquals(
          Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().getDescription());
      assertTrue(
          e.getStatus().getDescription().contains("bad signature"), e.getStatus().getDescription());
    }
    // Above the deposit, correctly signed by the payer.
    Voucher tooMuch = signed(good, new VoucherSigner(hub.domain()), 1_001, payer);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> accept(tooMuch));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains("deposit exhausted"),
        e.getStatus().getDescription());
    // The voucher for the other hub's channel contract.
    ChannelHub other = net.hubs.forAsset(net.trc20());
    Voucher wrongHub = good.toBuilder().setHubAddress(other.address().base58()).build();
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        assertThrows(StatusRuntimeException.class, () -> accept(wrongHub)).getStatus().getCode());
    // A replay is answered with the mark.
    assertEquals("100", accept(good).getAcceptedCumulativeBaseUnits());
    assertEquals("0", accept(good).getIncrementBaseUnits());
    assertEquals(
        "100", bob.getChannel(ref(net.payee.walletId(), c)).getChannel().getCumulativeBaseUnits());
  }

  /**
   * Issue 9's refusals through the service: each is the documented status with a message that says
   * what to change, and leaves the caller without a channel row.
   */
  @Test
  void refusalsBeforeSigningAreTheirStatusWithAnActionableMessage() {
    OpenChannelRequest good =
        OpenChannelRequest.newBuilder()
            .setWalletId(net.payer.walletId().toString())
            .setPayeeAddress(net.payee.address().base58())
            .setAsset(proto(net.trc10()))
            .setDepositBaseUnits("1000")
            .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli())
            .setIdempotencyKey(java.util.UUID.randomUUID().toString())
            .build();
    int rowsBefore =
        alice.listChannels(ListChannelsRequest.getDefaultInstance()).getChannelsCount();
    StatusRuntimeException zero =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                alice.openChannel(
                    good.toBuilder()
                        .setPayeeAddress("410000000000000000000000000000000000000000")
                        .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, zero.getStatus().getCode());
    assertTrue(zero.getStatus().getDescription().contains("zero address"));
    StatusRuntimeException poor =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                alice.openChannel(
                    good.toBuilder()
                        .setDepositBaseUnits(
                            net.balance(net.trc10(), net.payer.address())
                                .add(BigInteger.TWO)
                                .toString())
                        .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, poor.getStatus().getCode());
    assertTrue(poor.getStatus().getDescription().contains("short by 2"));
    StatusRuntimeException forever =
        assertThrows(
            StatusRuntimeException.class,
            () -> alice.openChannel(good.toBuilder().setExpiresAtUnixMs(Long.MAX_VALUE).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, forever.getStatus().getCode());
    assertTrue(forever.getStatus().getDescription().contains("at most 365 days"));
    assertEquals(
        rowsBefore,
        alice.listChannels(ListChannelsRequest.getDefaultInstance()).getChannelsCount());

    Channel c = alice.openChannel(good).getChannel();
    StatusRuntimeException early =
        assertThrows(
            StatusRuntimeException.class, () -> bob.settleChannel(ref(net.payee.walletId(), c)));
    assertEquals(Status.Code.FAILED_PRECONDITION, early.getStatus().getCode());
    assertTrue(early.getStatus().getDescription().contains("nothing to settle"));
  }

  @Test
  void channelsAreListedByRoleAndCounterpartyAndHiddenFromOtherCallers() {
    Channel c = open(net.trc10(), 1_000);
    accept(pay(c, 1).getVoucher());
    List<Channel> asPayer =
        alice
            .listChannels(
                ListChannelsRequest.newBuilder()
                    .setRole(ChannelRole.CHANNEL_ROLE_PAYER)
                    .setCounterpartyAddress(net.payee.address().base58())
                    .build())
            .getChannelsList();
    assertTrue(asPayer.stream().anyMatch(x -> x.getChannelId().equals(c.getChannelId())));
    List<Channel> asPayee =
        bob.listChannels(
                ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYEE).build())
            .getChannelsList();
    assertTrue(asPayee.stream().anyMatch(x -> x.getChannelId().equals(c.getChannelId())));
    assertTrue(
        bob.listChannels(
                ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYER).build())
            .getChannelsList()
            .isEmpty());
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class, () -> bob.getChannel(ref(net.payer.walletId(), c)));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void channelEventsStreamInOrderAndResumeAfterTheLastIndexSeen() {
    Channel c = open(net.trc10(), 1_000);
    accept(pay(c, 10).getVoucher());
    bob.closeChannel(ref(net.payee.walletId(), c));

    List<ChannelEvent> mine = new ArrayList<>();
    Iterator<ChannelEvent> stream =
        bob.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
            .subscribeChannelEvents(
                SubscribeChannelEventsRequest.newBuilder().setStartIndex(0).build());
    while (mine.size() < 3) {
      ChannelEvent e = stream.next();
      if (e.getChannel().getChannelId().equals(c.getChannelId())) {
        mine.add(e);
      }
    }
    assertEquals(
        List.of(
            ChannelEventKind.CHANNEL_EVENT_KIND_OPENED,
            ChannelEventKind.CHANNEL_EVENT_KIND_CLOSING,
            ChannelEventKind.CHANNEL_EVENT_KIND_CLOSED),
        mine.stream().map(ChannelEvent::getKind).toList());
    Iterator<ChannelEvent> resumed =
        bob.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
            .subscribeChannelEvents(
                SubscribeChannelEventsRequest.newBuilder()
                    .setStartIndex(mine.get(1).getEventIndex())
                    .build());
    assertEquals(mine.get(2).getEventIndex(), resumed.next().getEventIndex());
  }

  @Test
  void eachSideCanOnlyDoItsOwnPart() {
    Channel c = open(net.trc10(), 1_000);
    accept(pay(c, 10).getVoucher());
    ChannelRef payerSide = ref(net.payer.walletId(), c);
    ChannelRef payeeSide = ref(net.payee.walletId(), c);
    List<Runnable> wrongSide =
        List.of(
            () -> alice.settleChannel(payerSide),
            () -> alice.closeChannel(payerSide),
            () -> bob.reclaimChannel(payeeSide),
            () ->
                bob.pay(
                    PayRequest.newBuilder()
                        .setChannel(payeeSide)
                        .setIncrementBaseUnits("1")
                        .build()));
    for (Runnable call : wrongSide) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
      assertEquals(
          Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e.getStatus().getDescription());
      assertTrue(
          e.getStatus().getDescription().contains(c.getChannelId()),
          e.getStatus().getDescription());
    }
    StatusRuntimeException early =
        assertThrows(StatusRuntimeException.class, () -> alice.reclaimChannel(payerSide));
    assertTrue(
        early.getStatus().getDescription().contains("not expired"),
        early.getStatus().getDescription());
    assertEquals("10", bob.getChannel(payeeSide).getChannel().getCumulativeBaseUnits());
  }

  @Test
  void aVoucherStreamAnswersEveryVoucherInOrderAndGoesOnAfterARefusal()
      throws InterruptedException {
    Channel c = open(net.trc20(), 1_000);
    Voucher first = pay(c, 10).getVoucher();
    Voucher second = pay(c, 5).getVoucher();
    Voucher forged = second.toBuilder().setCumulativeBaseUnits("900").build();
    Voucher third = pay(c, 1).getVoucher();
    List<AcceptVoucherStreamResponse> answers =
        VoucherStream.acceptAll(
            server.asyncClient("bob"),
            net.payee.walletId(),
            List.of(first, second, first, forged, third),
            2);

    assertEquals(5, answers.size());
    for (int i = 0; i < answers.size(); i++) {
      assertEquals(i, answers.get(i).getSequence());
    }
    assertEquals("10", answers.get(0).getAccepted().getIncrementBaseUnits());
    assertEquals("5", answers.get(1).getAccepted().getIncrementBaseUnits());
    assertEquals("15", answers.get(2).getAccepted().getAcceptedCumulativeBaseUnits());
    assertEquals("0", answers.get(2).getAccepted().getIncrementBaseUnits());
    VoucherRefusal refusal = answers.get(3).getRefused();
    assertEquals("INVALID_ARGUMENT", refusal.getCode());
    assertTrue(refusal.getMessage().contains(c.getChannelId()), refusal.getMessage());
    assertTrue(refusal.getMessage().contains("bad signature"), refusal.getMessage());
    assertEquals("16", answers.get(4).getAccepted().getAcceptedCumulativeBaseUnits());
    assertEquals(
        "16", bob.getChannel(ref(net.payee.walletId(), c)).getChannel().getCumulativeBaseUnits());
  }

  private static Voucher signed(Voucher like, VoucherSigner signer, long cumulative, TronKey key) {
    return like.toBuilder()
        .setCumulativeBaseUnits(Long.toString(cumulative))
        .setSignatureHex(
            signer
                .sign(ChannelId.fromHex(like.getChannelId()), BigInteger.valueOf(cumulative), key)
                .hex())
        .build();
  }

  private static byte[] highS(byte[] sig) {
    BigInteger n =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] twin = sig.clone();
    byte[] high = n.subtract(s).toByteArray();
    byte[] word = new byte[32];
    System.arraycopy(
        high,
        Math.max(0, high.length - 32),
        word,
        32 - Math.min(32, high.length),
        Math.min(32, high.length));
    System.arraycopy(word, 0, twin, 32, 32);
    twin[64] = (byte) (sig[64] == 27 ? 28 : 27);
    return twin;
  }

  @Test
  void aReadTokenCannotMoveMoneyAndAnUnknownTokenIsNotAuthenticated() {
    ChannelServiceBlockingStub reader = server.client("alice", Scope.READ);
    // Reading is what the token is for: it answers.
    reader.listChannels(ListChannelsRequest.getDefaultInstance());
    StatusRuntimeException denied =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                reader.pay(
                    PayRequest.newBuilder()
                        .setChannel(
                            ChannelRef.newBuilder()
                                .setWalletId(net.payer.walletId().toString())
                                .setChannelId("00".repeat(32)))
                        .setIncrementBaseUnits("1")
                        .build()));
    assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    assertTrue(
        denied.getStatus().getDescription().contains("'spend' scope"),
        denied.getStatus().getDescription());

    StatusRuntimeException unknown =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                server
                    .withToken("btts_not-a-token")
                    .listChannels(ListChannelsRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
    assertTrue(
        unknown.getStatus().getDescription().contains("Bearer"),
        unknown.getStatus().getDescription());
  }
}
