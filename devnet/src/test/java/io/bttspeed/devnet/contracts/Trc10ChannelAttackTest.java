package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * Attacks on SpeedChannelsTrc10 with TRC-10 BTT (token id 1002000), plus the value rules only a hub
 * that takes call_token_value has: deposits in BTT only, and no value on any other call, so nothing
 * can be stranded.
 */
class Trc10ChannelAttackTest extends ChannelAttackCases {
  @Override
  ChannelHub hub(Devnet devnet, TridentCalls calls) {
    return new Trc10Hub(devnet, calls);
  }

  @Test
  void depositWithTrxAttachedIsRejectedAndBothComeBack() throws Exception {
    Holdings before = holdings();
    long trxBefore = calls.trx(payer.address());
    long hubTrxBefore = calls.trx(hub.address());

    TransactionInfo info =
        calls.send(
            payer,
            hub.address(),
            SpeedChannelsTrc10Contract.open(ChannelHub.evm(payee.address()), expiry()),
            1_000_000,
            DEPOSIT.longValueExact(),
            TridentCalls.FEE_LIMIT);

    assertRevertedWith("trc10: TRX not accepted", info);
    assertEquals(before, holdings());
    assertEquals(trxBefore - info.getFee(), calls.trx(payer.address()));
    assertEquals(hubTrxBefore, calls.trx(hub.address()));
  }

  @Test
  void openWithoutTokensIsRejected() throws Exception {
    Holdings before = holdings();

    TransactionInfo info =
        calls.send(
            payer,
            hub.address(),
            SpeedChannelsTrc10Contract.open(ChannelHub.evm(payee.address()), expiry()));

    assertRevertedWith("trc10: wrong token", info);
    assertEquals(before, holdings());
  }

  @Test
  void tokensSentAlongWithASettleAreRejected() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger cumulative = units(10);
    byte[] voucher = voucher(id, cumulative);
    assertRejectedAndNothingMoved(
        id,
        "trc10: value not accepted",
        () ->
            calls.send(
                payee,
                hub.address(),
                SpeedChannelsTrc10Contract.settle(id, cumulative, voucher),
                1,
                TridentCalls.FEE_LIMIT));
  }
}
