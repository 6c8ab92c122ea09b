package io.bttspeed.wallet.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tron.trident.core.ApiWrapper;

/**
 * Requests the chain would refuse, or that the wallet must refuse, are refused before anything is
 * signed and leave no trace: no channel row, no event, no idempotency key taken, no fee burned. On
 * the real devnet and H2; PostgreSQL in a subclass.
 */
class ChannelRefusalsTest extends ChannelNetCases {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  /** Everything the refusals must leave alone, for one principal: rows, events, TRX. */
  private record Trace(List<ChannelRecord> rows, int events, long payerTrxSun) {}

  private Trace trace(String principalId) {
    return new Trace(
        net.channels
            .store()
            .list(principalId, Optional.empty(), Optional.empty(), Optional.empty()),
        net.channels.store().events(principalId, 0, 1_000_000).size(),
        net.tron.account(net.payer.address()).trxSun());
  }

  private PayerChannels.Changed open(
      TronAddress payee, Asset asset, BigInteger deposit, Instant expiresAt, String key) {
    return net.channels
        .payer()
        .open(net.alice, net.payer.walletId(), payee, new Amount(asset, deposit), expiresAt, key);
  }

  private boolean keyTaken(String key) {
    return new ChannelRequestStore(net.db).find(net.alice.id(), key).isPresent();
  }

  @Test
  void openAboveTheTokenBalanceIsRefusedBeforeSigningAndLeavesNoTrace() {
    for (Asset asset : List.of(net.trc10(), net.trc20())) {
      BigInteger balance = net.balance(asset, net.payer.address());
      BigInteger tooMuch = balance.add(BigInteger.ONE);
      String key = UUID.randomUUID().toString();
      Trace before = trace(net.alice.id());

      for (int attempt = 0; attempt < 2; attempt++) {
        InsufficientFundsException e =
            assertThrows(
                InsufficientFundsException.class,
                () ->
                    open(net.payee.address(), asset, tooMuch, net.expiry(Duration.ofDays(1)), key));
        assertEquals(BigInteger.ONE, e.shortfall(), e.getMessage());
        assertTrue(e.getMessage().contains(asset.key()), e.getMessage());
        assertEquals(before, trace(net.alice.id()), asset.key() + ", attempt " + attempt);
        assertFalse(keyTaken(key));
      }
      assertEquals(balance, net.balance(asset, net.payer.address()));

      ChannelRecord corrected =
          open(
                  net.payee.address(),
                  asset,
                  DEPOSIT,
                  net.expiry(Duration.ofDays(1)),
                  UUID.randomUUID().toString())
              .channel();
      assertEquals(ChannelStatus.OPEN, corrected.status());
      assertEquals(DEPOSIT, corrected.deposit().units());
    }
  }

  /**
   * Opens from one payer released together, each for more than half its tokens: the balance check
   * and the open it admits are one step per payer, so exactly one goes through and the others are
   * refused before signing, leaving no row.
   */
  @Test
  void concurrentOpensCannotCountTheSameTokensTwice() throws Exception {
    WalletRecord tight = net.wallets.create(net.alice, "tight-payer", "").wallet();
    fund(tight.address(), 1_000_000_000L, 1_000_000L);
    int threads = 8;
    CyclicBarrier together = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  together.await();
                  try {
                    net.channels
                        .payer()
                        .open(
                            net.alice,
                            tight.walletId(),
                            net.payee.address(),
                            new Amount(net.trc10(), BigInteger.valueOf(600_000)),
                            net.expiry(Duration.ofDays(1)),
                            UUID.randomUUID().toString());
                    return true;
                  } catch (InsufficientFundsException e) {
                    return false;
                  }
                }));
      }
      int opened = 0;
      for (Future<Boolean> f : outcomes) {
        opened += f.get() ? 1 : 0;
      }
      assertEquals(1, opened);
    } finally {
      pool.shutdownNow();
    }
    List<ChannelRecord> rows =
        net
            .channels
            .store()
            .list(net.alice.id(), Optional.empty(), Optional.empty(), Optional.empty())
            .stream()
            .filter(r -> r.walletId().equals(tight.walletId()))
            .toList();
    assertEquals(1, rows.size());
    assertEquals(ChannelStatus.OPEN, rows.get(0).status());
    assertEquals(BigInteger.valueOf(400_000), net.balance(net.trc10(), tight.address()));
  }

  @Test
  void openToTheZeroAddressItselfOrAHubIsInvalidArgumentAndLeavesNoTrace() {
    TronAddress zero =
        TronAddress.of(
            new byte[] {0x41, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    TronAddress hub = net.hubs.forAsset(net.trc10()).address();
    for (TronAddress payee : List.of(zero, net.payer.address(), hub)) {
      String key = UUID.randomUUID().toString();
      Trace before = trace(net.alice.id());
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () -> open(payee, net.trc10(), DEPOSIT, net.expiry(Duration.ofDays(1)), key));
      assertTrue(e.getMessage().startsWith("payee_address"), e.getMessage());
      assertEquals(before, trace(net.alice.id()), payee.toString());
      assertFalse(keyTaken(key));
    }
  }

  @Test
  void topUpAboveTheTokenBalanceIsRefusedBeforeSigningAndLeavesNoTrace() {
    for (Asset asset : List.of(net.trc10(), net.trc20())) {
      ChannelRecord c = net.open(asset, DEPOSIT, Duration.ofDays(1));
      BigInteger tooMuch = net.balance(asset, net.payer.address()).add(BigInteger.TEN);
      String key = UUID.randomUUID().toString();
      Trace before = trace(net.alice.id());
      InsufficientFundsException e =
          assertThrows(
              InsufficientFundsException.class,
              () ->
                  net.channels
                      .payer()
                      .topUp(net.alice, net.payer.walletId(), c.channelId(), tooMuch, key));
      assertEquals(BigInteger.TEN, e.shortfall());
      assertEquals(before, trace(net.alice.id()));
      assertFalse(keyTaken(key));
    }
  }

  @Test
  void expiryMoreThanAYearAheadIsRefusedAndChangesNothing() {
    Trace before = trace(net.alice.id());
    for (Instant expiry :
        List.of(Instant.ofEpochMilli(Long.MAX_VALUE), net.expiry(Duration.ofDays(366)))) {
      String key = UUID.randomUUID().toString();
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () -> open(net.payee.address(), net.trc10(), DEPOSIT, expiry, key));
      assertTrue(e.getMessage().startsWith("expires_at_unix_ms must be at most"), e.getMessage());
      assertFalse(keyTaken(key));
    }
    assertEquals(before, trace(net.alice.id()));

    ChannelRecord c = net.open(net.trc10(), DEPOSIT, Duration.ofDays(364));
    assertThrows(
        InvalidArgumentException.class,
        () ->
            net.channels
                .payer()
                .extend(
                    net.alice,
                    net.payer.walletId(),
                    c.channelId(),
                    Instant.ofEpochMilli(Long.MAX_VALUE)));
    assertEquals(
        c.expiresAt(),
        net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow().expiresAt());
  }

  @Test
  void refusedFirstVoucherLeavesNoChannelRowAndNoEvent() {
    ChannelRecord c = net.open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    PayerChannels.Payment paid = net.pay(c, BigInteger.TEN);
    VoucherSigner signer = new VoucherSigner(net.hubs.forAsset(net.trc10()).domain());
    byte[] tampered = paid.signature().bytes().clone();
    tampered[5] ^= 1;
    VoucherSignature byPayee =
        signer.sign(c.channelId(), BigInteger.TEN, net.wallets.key(net.payee));
    VoucherSignature aboveDeposit =
        signer.sign(c.channelId(), DEPOSIT.add(BigInteger.ONE), net.wallets.key(net.payer));
    Trace before = trace(net.bob.id());

    assertThrows(InvalidArgumentException.class, () -> accept(c, BigInteger.TEN, tampered));
    assertThrows(InvalidArgumentException.class, () -> accept(c, BigInteger.TEN, byPayee.bytes()));
    ChannelException above =
        assertThrows(
            ChannelException.class,
            () -> accept(c, DEPOSIT.add(BigInteger.ONE), aboveDeposit.bytes()));
    assertEquals(ChannelException.Reason.DEPOSIT_EXHAUSTED, above.reason());

    assertEquals(before, trace(net.bob.id()));
    assertTrue(net.channels.store().find(net.payee.walletId(), c.channelId()).isEmpty());
    assertEquals(
        ChannelNet.accepted(c.asset(), 10, 10),
        accept(c, BigInteger.TEN, paid.signature().bytes()));
  }

  private PayeeChannels.Accepted accept(ChannelRecord c, BigInteger cumulative, byte[] sig) {
    return accept(net.payee, c, cumulative, sig);
  }

  private PayeeChannels.Accepted accept(
      WalletRecord payee, ChannelRecord c, BigInteger cumulative, byte[] sig) {
    return net.channels
        .payee()
        .accept(
            net.bob,
            payee.walletId(),
            new PayeeChannels.IncomingVoucher(c.hub(), c.channelId(), cumulative, sig));
  }

  @Test
  void payRightAfterTheChannelWasClosedOnChainIsRefusedAndSignsNothing() {
    for (Asset asset : List.of(net.trc10(), net.trc20())) {
      ChannelRecord c = net.open(asset, DEPOSIT, Duration.ofDays(1));
      PayerChannels.Payment paid = net.pay(c, BigInteger.TEN);
      net.accept(c, paid);
      net.channels.payee().close(net.bob, net.payee.walletId(), c.channelId());

      ChannelException e = assertThrows(ChannelException.class, () -> net.pay(c, BigInteger.ONE));
      assertEquals(ChannelException.Reason.CLOSED, e.reason());
      ChannelRecord payerSide =
          net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow();
      assertEquals(BigInteger.TEN, payerSide.cumulative().units());
      assertEquals(Optional.of(paid.signature()), payerSide.signature());
    }
  }

  @Test
  void settleBeforeAnyVoucherIsNothingToSettleAndAnUnknownChannelStaysNotFound() {
    ChannelRecord c = net.open(net.trc20(), DEPOSIT, Duration.ofDays(1));
    ChannelException e =
        assertThrows(
            ChannelException.class,
            () -> net.channels.payee().settle(net.bob, net.payee.walletId(), c.channelId()));
    assertEquals(ChannelException.Reason.NOTHING_TO_SETTLE, e.reason());
    assertTrue(net.channels.store().find(net.payee.walletId(), c.channelId()).isEmpty());

    ChannelId unknown =
        ChannelId.of(
            new byte[] {
              7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
              7, 7, 1
            });
    assertThrows(
        NotFoundException.class,
        () -> net.channels.payee().settle(net.bob, net.payee.walletId(), unknown));
  }

  @Test
  void payeeWithoutTrxIsToldTheFeeItNeedsAndNothingChanges() throws Exception {
    WalletRecord poor = net.wallets.create(net.bob, "poor-payee", "").wallet();
    ChannelRecord c =
        open(
                poor.address(),
                net.trc10(),
                DEPOSIT,
                net.expiry(Duration.ofDays(1)),
                UUID.randomUUID().toString())
            .channel();
    PayerChannels.Payment paid = net.pay(c, BigInteger.valueOf(400));
    accept(poor, c, paid.channel().cumulative().units(), paid.signature().bytes());
    Trace before = trace(net.bob.id());

    FailedPreconditionException settle =
        assertThrows(
            FailedPreconditionException.class,
            () -> net.channels.payee().settle(net.bob, poor.walletId(), c.channelId()));
    FailedPreconditionException close =
        assertThrows(
            FailedPreconditionException.class,
            () -> net.channels.payee().close(net.bob, poor.walletId(), c.channelId()));
    for (FailedPreconditionException e : List.of(settle, close)) {
      assertTrue(
          e.getMessage().matches(".*needs TRX for its fee, an estimated [1-9][0-9]* sun .*"),
          e.getMessage());
      assertTrue(
          e.getMessage().contains(poor.address() + " is not activated on chain"), e.getMessage());
    }
    assertTrue(settle.getMessage().startsWith("channel " + c.channelId().hex() + ": settling"));
    assertTrue(close.getMessage().startsWith("channel " + c.channelId().hex() + ": closing"));
    assertEquals(before, trace(net.bob.id()));
    assertEquals(
        ChannelStatus.OPEN,
        net.channels.store().find(poor.walletId(), c.channelId()).orElseThrow().status());

    fund(poor.address(), 100_000_000L, 0);
    net.channels.payee().settle(net.bob, poor.walletId(), c.channelId());
    assertEquals(
        BigInteger.valueOf(400),
        net.channels.store().find(poor.walletId(), c.channelId()).orElseThrow().paidOut().units());
  }

  /** Sends TRX and TRC-10 BTT from development account 3 straight through the node. */
  private void fund(TronAddress to, long sun, long trc10Units) throws Exception {
    String from = net.devnet.developmentAccounts().get(3).address();
    String keyHex = net.devnet.developmentAccounts().get(3).privateKeyHex();
    ApiWrapper api = new ApiWrapper(net.devnet.target(), net.devnet.target(), keyHex);
    try {
      api.broadcastTransaction(api.signTransaction(api.transfer(from, to.base58(), sun)));
      awaitBalance(to, Asset.Trx.INSTANCE, sun);
      if (trc10Units > 0) {
        api.broadcastTransaction(
            api.signTransaction(
                api.transferTrc10(from, to.base58(), (int) ChannelNet.TRC10_BTT, trc10Units)));
        awaitBalance(to, net.trc10(), trc10Units);
      }
    } finally {
      api.close();
    }
  }

  private void awaitBalance(TronAddress owner, Asset asset, long atLeast) {
    await(asset.key() + " to arrive at " + owner)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                asset instanceof Asset.Trx
                    ? BigInteger.valueOf(net.tron.account(owner).trxSun())
                    : net.balance(asset, owner),
            held -> held.compareTo(BigInteger.valueOf(atLeast)) >= 0);
  }
}
