package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.channel.ChannelId;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.money.Asset;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
        .open(
            net.alice,
            net.payer.walletId(),
            payee,
            new Amount(asset, deposit),
            expiresAt,
            key);
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
                    open(
                        net.payee.address(),
                        asset,
                        tooMuch,
                        net.expiry(Duration.ofDays(1)),
                        key));
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
      assertEquals(DEPOSIT, corrected.deposit());
    }
  }

  @Test
  void openToTheZeroAddressItselfOrAHubIsInvalidArgumentAndLeavesNoTrace() {
    TronAddress zero = TronAddress.ofBytes(new byte[] {0x41, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0});
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
    VoucherSignature byPayee = signer.sign(c.channelId(), BigInteger.TEN, net.wallets.key(net.payee));
    VoucherSignature aboveDeposit =
        signer.sign(c.channelId(), DEPOSIT.add(BigInteger.ONE), net.wallets.key(net.payer));
    Trace before = trace(net.bob.id());

    assertThrows(InvalidArgumentException.class, () -> accept(c, BigInteger.TEN, tampered));
    assertThrows(
        InvalidArgumentException.class, () -> accept(c, BigInteger.TEN, byPayee.bytes()));
    ChannelException above =
        assertThrows(
            ChannelException.class,
            () -> accept(c, DEPOSIT.add(BigInteger.ONE), aboveDeposit.bytes()));
    assertEquals(ChannelException.Reason.DEPOSIT_EXHAUSTED, above.reason());

    assertEquals(before, trace(net.bob.id()));
    assertTrue(net.channels.store().find(net.payee.walletId(), c.channelId()).isEmpty());
    assertEquals(
        new PayeeChannels.Accepted(BigInteger.TEN, BigInteger.TEN),
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

      ChannelException e =
          assertThrows(ChannelException.class, () -> net.pay(c, BigInteger.ONE));
      assertEquals(ChannelException.Reason.CLOSED, e.reason());
      ChannelRecord payerSide =
          net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow();
      assertEquals(BigInteger.TEN, payerSide.cumulative());
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

    ChannelId unknown = ChannelId.of(new byte[] {
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 1});
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
    accept(poor, c, paid.channel().cumulative(), paid.signature().bytes());
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

    fundWithTrx(poor.address(), 100_000_000L);
    net.channels.payee().settle(net.bob, poor.walletId(), c.channelId());
    assertEquals(
        BigInteger.valueOf(400),
        net.channels.store().find(poor.walletId(), c.channelId()).orElseThrow().paidOut());
  }

  /** Sends TRX from development account 3 straight through the node. */
  private void fundWithTrx(TronAddress to, long sun) throws Exception {
    String keyHex = net.devnet.developmentAccounts().get(3).privateKeyHex();
    ApiWrapper api = new ApiWrapper(net.devnet.target(), net.devnet.target(), keyHex);
    try {
      api.broadcastTransaction(
          api.signTransaction(
              api.transfer(net.devnet.developmentAccounts().get(3).address(), to.base58(), sun)));
    } finally {
      api.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (net.tron.account(to).trxSun() < sun) {
      assertTrue(System.nanoTime() < deadline, "the TRX never arrived");
      Thread.sleep(20);
    }
  }
}
