package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.channel.ChannelEvent;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.Tip712Voucher;
import io.bttspeed.contracts.voucher.Voucher;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * A channel's life on one hub: every step moves exactly the amounts the contract promises, to the
 * base unit, emits its event and shows in {@code channels(id)}. The vouchers are signed by the Java
 * TIP-712 code, so every payout here also proves that what a wallet signs is what the contract
 * pays.
 */
abstract class ChannelLifecycleCases extends ChannelFixture {

  @Test
  void openMovesTheDepositIntoTheHubEmitsOpenedAndRecordsTheChannel() throws Exception {
    Holdings before = holdings();
    BigInteger nonce = hub.nonce(payer.address());
    ChannelId expectedId = hub.nextChannelId(payer.address(), payee.address());
    Instant expiresAt = expiry();

    TransactionInfo info = hub.open(payer, payee.address(), DEPOSIT, expiresAt);

    assertSucceeded(info);
    assertEquals(expectedId, hub.decodeOpenResult(info.getContractResult(0).toByteArray()));
    assertEquals(
        new Holdings(
            before.payer().subtract(DEPOSIT),
            before.payee(),
            before.stranger(),
            before.hub().add(DEPOSIT)),
        holdings());
    assertEquals(
        List.of(
            new ChannelEvent.Opened(
                expectedId,
                ChannelHub.evm(payer.address()),
                ChannelHub.evm(payee.address()),
                hub.asset(),
                DEPOSIT,
                expiresAt)),
        hub.events(info));
    assertEquals(
        new ChannelState(
            ChannelHub.evm(payer.address()),
            ChannelHub.evm(payee.address()),
            hub.asset(),
            DEPOSIT,
            BigInteger.ZERO,
            expiresAt,
            false),
        hub.channel(expectedId));
    assertEquals(nonce.add(BigInteger.ONE), hub.nonce(payer.address()));
  }

  @Test
  void topUpAddsToTheDepositAndEmitsToppedUp() throws Exception {
    ChannelId id = open(DEPOSIT);
    Holdings before = holdings();
    BigInteger amount = units(1_000_007);

    TransactionInfo info = hub.topUp(payer, id, amount);

    assertSucceeded(info);
    assertEquals(
        new Holdings(
            before.payer().subtract(amount),
            before.payee(),
            before.stranger(),
            before.hub().add(amount)),
        holdings());
    assertEquals(
        List.of(new ChannelEvent.ToppedUp(id, amount, DEPOSIT.add(amount))), hub.events(info));
    assertEquals(DEPOSIT.add(amount), hub.channel(id).deposit());
  }

  @Test
  void extendMovesTheExpiryLaterAndEmitsExtended() throws Exception {
    ChannelId id = open(DEPOSIT);
    Instant later = hub.channel(id).expiresAt().plusSeconds(3_601);
    Holdings before = holdings();

    TransactionInfo info = hub.extend(payer, id, later);

    assertSucceeded(info);
    assertEquals(List.of(new ChannelEvent.Extended(id, later)), hub.events(info));
    assertEquals(later, hub.channel(id).expiresAt());
    assertEquals(before, holdings());
  }

  @Test
  void settlePaysTheVoucherKeepsTheChannelOpenAndASecondSettlePaysOnlyTheDifference()
      throws Exception {
    ChannelId id = open(DEPOSIT);
    Holdings before = holdings();
    BigInteger first = units(1_234_567);
    BigInteger second = units(3_000_001);

    TransactionInfo firstInfo = hub.settle(payee, id, first, voucher(id, first));

    assertSucceeded(firstInfo);
    assertEquals(
        new Holdings(
            before.payer(),
            before.payee().add(first),
            before.stranger(),
            before.hub().subtract(first)),
        holdings());
    assertEquals(List.of(new ChannelEvent.Settled(id, first, first)), hub.events(firstInfo));
    ChannelState open = hub.channel(id);
    assertEquals(first, open.paidOut());
    assertFalse(open.closed());

    long trxBefore = calls.trx(payee.address());
    TransactionInfo secondInfo = hub.settle(payee, id, second, voucher(id, second));

    assertSucceeded(secondInfo);
    BigInteger difference = second.subtract(first);
    assertEquals(
        new Holdings(
            before.payer(),
            before.payee().add(second),
            before.stranger(),
            before.hub().subtract(second)),
        holdings());
    assertEquals(List.of(new ChannelEvent.Settled(id, second, difference)), hub.events(secondInfo));
    assertEquals(second, hub.channel(id).paidOut());
    assertFalse(hub.channel(id).closed());
    assertEquals(
        secondInfo.getReceipt().getEnergyUsageTotal() * 100,
        secondInfo.getReceipt().getEnergyFee(),
        "energy is burned at getEnergyFee = 100 sun");
    assertEquals(
        secondInfo.getReceipt().getEnergyFee() + secondInfo.getReceipt().getNetFee(),
        secondInfo.getFee());
    assertEquals(
        trxBefore - secondInfo.getFee(),
        calls.trx(payee.address()),
        "the payee pays the settle fee");
  }

  @Test
  void closePaysThePayeeRefundsThePayerTheRestAndClosesTheChannel() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger settled = units(1_000_000);
    assertSucceeded(hub.settle(payee, id, settled, voucher(id, settled)));
    Holdings before = holdings();
    BigInteger cumulative = units(2_500_003);

    TransactionInfo info = hub.close(payee, id, cumulative, voucher(id, cumulative));

    assertSucceeded(info);
    BigInteger payout = cumulative.subtract(settled);
    BigInteger refund = DEPOSIT.subtract(cumulative);
    assertEquals(
        new Holdings(
            before.payer().add(refund),
            before.payee().add(payout),
            before.stranger(),
            before.hub().subtract(payout).subtract(refund)),
        holdings());
    assertEquals(
        List.of(new ChannelEvent.Closed(id, cumulative, payout, refund)), hub.events(info));
    ChannelState closed = hub.channel(id);
    assertTrue(closed.closed());
    assertEquals(cumulative, closed.paidOut());
  }

  @Test
  void closeAtWhatWasAlreadyPaidNeedsNoSignatureAndRefundsTheRest() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger settled = units(777);
    assertSucceeded(hub.settle(payee, id, settled, voucher(id, settled)));
    Holdings before = holdings();

    TransactionInfo info = hub.close(payee, id, settled, new byte[0]);

    assertSucceeded(info);
    BigInteger refund = DEPOSIT.subtract(settled);
    assertEquals(
        new Holdings(
            before.payer().add(refund),
            before.payee(),
            before.stranger(),
            before.hub().subtract(refund)),
        holdings());
    assertEquals(
        List.of(new ChannelEvent.Closed(id, settled, BigInteger.ZERO, refund)), hub.events(info));
    assertTrue(hub.channel(id).closed());
  }

  @Test
  void reclaimAfterExpiryReturnsWhatThePayeeDidNotSettle() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger settled = units(2_000_001);
    assertSucceeded(hub.settle(payee, id, settled, voucher(id, settled)));
    passExpiry();
    Holdings before = holdings();

    TransactionInfo info = hub.reclaim(payer, id);

    assertSucceeded(info);
    BigInteger refund = DEPOSIT.subtract(settled);
    assertEquals(
        new Holdings(
            before.payer().add(refund),
            before.payee(),
            before.stranger(),
            before.hub().subtract(refund)),
        holdings());
    assertEquals(List.of(new ChannelEvent.Reclaimed(id, refund)), hub.events(info));
    assertTrue(hub.channel(id).closed());
  }

  @Test
  void payeeCanStillSettleAfterExpiryUntilThePayerReclaims() throws Exception {
    ChannelId id = open(DEPOSIT);
    passExpiry();
    Holdings before = holdings();
    BigInteger cumulative = units(42);

    assertSucceeded(hub.settle(payee, id, cumulative, voucher(id, cumulative)));

    assertEquals(before.payee().add(cumulative), hub.balanceOf(payee.address()));
    assertSucceeded(hub.reclaim(payer, id));
    assertEquals(before.payer().add(DEPOSIT).subtract(cumulative), hub.balanceOf(payer.address()));
  }

  /**
   * A wallet sets fee limit = estimate × energy price; that must be enough, or it would burn fees
   * for nothing.
   */
  @Test
  void aFeeLimitOfTheEstimatedEnergyIsEnoughToSettleAndToClose() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger settled = units(100);
    CallData settle = hub.settleCall(id, settled, voucher(id, settled));
    BigInteger closed = units(4_000_000);
    CallData close = hub.closeCall(id, closed, voucher(id, closed));

    long settleEstimate = calls.estimateEnergy(payee, hub.address(), settle, 0);
    TransactionInfo settleInfo = calls.send(payee, hub.address(), settle, 0, settleEstimate * 100);
    long closeEstimate = calls.estimateEnergy(payee, hub.address(), close, 0);
    TransactionInfo closeInfo = calls.send(payee, hub.address(), close, 0, closeEstimate * 100);

    assertSucceeded(settleInfo);
    assertTrue(settleEstimate >= settleInfo.getReceipt().getEnergyUsageTotal());
    assertSucceeded(closeInfo);
    assertTrue(closeEstimate >= closeInfo.getReceipt().getEnergyUsageTotal());
    assertTrue(hub.channel(id).closed());
  }

  @Test
  void contractVoucherDigestEqualsTheJavaTip712DigestForTheDevnetChainId() throws Exception {
    ChannelId id = open(DEPOSIT);
    assertArrayEquals(Tip712Voucher.domainSeparator(hub.domain()), hub.domainSeparator());
    for (BigInteger cumulative :
        List.of(
            BigInteger.ZERO,
            units(1),
            DEPOSIT,
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
      assertArrayEquals(
          Tip712Voucher.digest(hub.domain(), new Voucher(id, cumulative)),
          hub.voucherDigest(id, cumulative),
          "cumulative " + cumulative);
    }
    ChannelId unknown = ChannelId.fromHex("ab".repeat(32));
    assertArrayEquals(
        Tip712Voucher.digest(hub.domain(), new Voucher(unknown, units(9))),
        hub.voucherDigest(unknown, units(9)),
        "the digest does not depend on the channel existing");
  }

  @Test
  void unknownChannelReadsAsAllZero() {
    ChannelState unknown = hub.channel(ChannelId.fromHex("cd".repeat(32)));
    assertFalse(unknown.exists());
    assertEquals(BigInteger.ZERO, unknown.deposit());
    assertEquals(Instant.EPOCH, unknown.expiresAt());
  }
}
