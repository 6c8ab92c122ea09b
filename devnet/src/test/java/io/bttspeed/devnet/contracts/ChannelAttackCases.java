package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * Every way to take money out of a channel that is not the payee redeeming the payer's voucher, or
 * to change a channel as someone other than its payer, on one hub. Each attempt must revert with
 * its reason and leave the payer, the payee, a stranger, the hub and the channel exactly as they
 * were.
 */
abstract class ChannelAttackCases extends ChannelFixture {
  private static final BigInteger AMOUNT = units(1_500_000);

  /**
   * secp256k1's group order: s and n − s both verify, and the contracts accept only the lower one.
   */
  private static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @FunctionalInterface
  interface Attempt {
    TransactionInfo send() throws Exception;
  }

  final void assertRejectedAndNothingMoved(ChannelId id, String reason, Attempt attempt)
      throws Exception {
    Holdings before = holdings();
    ChannelState channelBefore = hub.channel(id);

    TransactionInfo info = attempt.send();

    assertRevertedWith(reason, info);
    assertEquals(before, holdings());
    assertEquals(channelBefore, hub.channel(id));
    assertEquals(0, info.getLogCount(), "a reverted call leaves no events");
  }

  @Test
  void voucherSignedByAnotherKeyIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] forged = sign(hub.domain(), id, AMOUNT, stranger);
    assertRejectedAndNothingMoved(
        id, "voucher: wrong signer", () -> hub.settle(payee, id, AMOUNT, forged));
    assertRejectedAndNothingMoved(
        id, "voucher: wrong signer", () -> hub.close(payee, id, AMOUNT, forged));
  }

  @Test
  void voucherForAnotherChannelIsRejected() throws Exception {
    ChannelId signedFor = open(DEPOSIT);
    ChannelId presentedTo = open(DEPOSIT);
    byte[] voucher = voucher(signedFor, AMOUNT);
    assertRejectedAndNothingMoved(
        presentedTo,
        "voucher: wrong signer",
        () -> hub.settle(payee, presentedTo, AMOUNT, voucher));
  }

  @Test
  void voucherForTheOtherHubIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] voucher = sign(hub.otherHubDomain(), id, AMOUNT, payer);
    assertRejectedAndNothingMoved(
        id, "voucher: wrong signer", () -> hub.settle(payee, id, AMOUNT, voucher));
  }

  @Test
  void voucherForAnotherChainIdIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    Tip712Domain otherChain =
        new Tip712Domain(devnet.chainId() + 1, hub.domain().verifyingContract());
    byte[] voucher = sign(otherChain, id, AMOUNT, payer);
    assertRejectedAndNothingMoved(
        id, "voucher: wrong signer", () -> hub.settle(payee, id, AMOUNT, voucher));
  }

  @Test
  void lowerVoucherAfterAHigherOneWasSettledIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger lower = AMOUNT.subtract(BigInteger.ONE);
    byte[] lowerVoucher = voucher(id, lower);
    assertSucceeded(hub.settle(payee, id, AMOUNT, voucher(id, AMOUNT)));

    assertRejectedAndNothingMoved(
        id, "voucher: below paid out", () -> hub.settle(payee, id, lower, lowerVoucher));
    assertRejectedAndNothingMoved(
        id, "voucher: below paid out", () -> hub.close(payee, id, lower, lowerVoucher));
  }

  @Test
  void replayOfTheSettledVoucherPaysNothing() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] voucher = voucher(id, AMOUNT);
    assertSucceeded(hub.settle(payee, id, AMOUNT, voucher));

    assertRejectedAndNothingMoved(
        id, "voucher: nothing to settle", () -> hub.settle(payee, id, AMOUNT, voucher));
  }

  @Test
  void voucherAboveTheDepositIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger above = DEPOSIT.add(BigInteger.ONE);
    byte[] voucher = voucher(id, above);
    assertRejectedAndNothingMoved(
        id, "voucher: above deposit", () -> hub.settle(payee, id, above, voucher));
    assertRejectedAndNothingMoved(
        id, "voucher: above deposit", () -> hub.close(payee, id, above, voucher));
  }

  @Test
  void highSTwinOfAValidVoucherIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] twin = voucher(id, AMOUNT);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(twin, 32, 64));
    byte[] highS = CURVE_ORDER.subtract(s).toByteArray();
    System.arraycopy(highS, highS.length - 32, twin, 32, 32);
    twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
    assertRejectedAndNothingMoved(id, "voucher: high s", () -> hub.settle(payee, id, AMOUNT, twin));
  }

  @Test
  void settleByAnyoneButThePayeeIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] voucher = voucher(id, AMOUNT);
    assertRejectedAndNothingMoved(
        id, "channel: not payee", () -> hub.settle(stranger, id, AMOUNT, voucher));
    assertRejectedAndNothingMoved(
        id, "channel: not payee", () -> hub.settle(payer, id, AMOUNT, voucher));
  }

  @Test
  void closeByAnyoneButThePayeeIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] voucher = voucher(id, AMOUNT);
    assertRejectedAndNothingMoved(
        id, "channel: not payee", () -> hub.close(stranger, id, AMOUNT, voucher));
    assertRejectedAndNothingMoved(
        id, "channel: not payee", () -> hub.close(payer, id, BigInteger.ZERO, new byte[0]));
  }

  @Test
  void reclaimBeforeExpiryIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    assertRejectedAndNothingMoved(id, "channel: not expired", () -> hub.reclaim(payer, id));
  }

  @Test
  void reclaimByAnyoneButThePayerIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    passExpiry();
    assertRejectedAndNothingMoved(id, "channel: not payer", () -> hub.reclaim(stranger, id));
    assertRejectedAndNothingMoved(id, "channel: not payer", () -> hub.reclaim(payee, id));
  }

  @Test
  void reclaimAfterCloseIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    assertSucceeded(hub.close(payee, id, AMOUNT, voucher(id, AMOUNT)));
    passExpiry();
    assertRejectedAndNothingMoved(id, "channel: closed", () -> hub.reclaim(payer, id));
  }

  @Test
  void secondCloseIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    byte[] voucher = voucher(id, AMOUNT);
    assertSucceeded(hub.close(payee, id, AMOUNT, voucher));
    BigInteger higher = AMOUNT.add(BigInteger.ONE);
    byte[] higherVoucher = voucher(id, higher);

    assertRejectedAndNothingMoved(
        id, "channel: closed", () -> hub.close(payee, id, AMOUNT, voucher));
    assertRejectedAndNothingMoved(
        id, "channel: closed", () -> hub.close(payee, id, higher, higherVoucher));
    assertRejectedAndNothingMoved(
        id, "channel: closed", () -> hub.settle(payee, id, higher, higherVoucher));
  }

  @Test
  void extendToAnEarlierOrTheSameTimeIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    ChannelState channel = hub.channel(id);
    assertRejectedAndNothingMoved(
        id,
        "channel: expiry not later",
        () -> hub.extend(payer, id, channel.expiresAt().minusSeconds(1)));
    assertRejectedAndNothingMoved(
        id, "channel: expiry not later", () -> hub.extend(payer, id, channel.expiresAt()));
  }

  @Test
  void extendByAnyoneButThePayerIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    ChannelState channel = hub.channel(id);
    assertRejectedAndNothingMoved(
        id, "channel: not payer", () -> hub.extend(payee, id, channel.expiresAt().plusSeconds(60)));
  }

  @Test
  void topUpByAStrangerIsRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    assertRejectedAndNothingMoved(id, "channel: not payer", () -> hub.topUp(stranger, id, AMOUNT));
  }

  @Test
  void settleOnAnUnknownChannelIsRejected() throws Exception {
    ChannelId unknown = ChannelId.fromHex("ef".repeat(32));
    byte[] voucher = voucher(unknown, AMOUNT);
    assertRejectedAndNothingMoved(
        unknown, "channel: unknown", () -> hub.settle(payee, unknown, AMOUNT, voucher));
  }
}
