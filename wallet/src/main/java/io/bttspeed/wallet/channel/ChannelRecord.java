package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of a channel as this service stores it. Amounts are base units of {@code asset}: {@code
 * deposit} and {@code paidOut} as last seen on chain, {@code cumulative} the high-water mark
 * (highest voucher signed by a payer, or accepted by a payee) with its {@code signature}. {@code
 * expiresAt} has whole seconds, as on chain; {@code updatedAtMs} is the time of the last lifecycle
 * change (vouchers do not touch it).
 */
public record ChannelRecord(
    long rowId,
    String principalId,
    String walletId,
    ChannelId channelId,
    ChannelRole role,
    TronAddress hub,
    Asset asset,
    TronAddress payer,
    TronAddress payee,
    BigInteger deposit,
    BigInteger cumulative,
    BigInteger paidOut,
    Instant expiresAt,
    ChannelStatus status,
    Optional<VoucherSignature> signature,
    long updatedAtMs) {

  public ChannelRecord {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(signature, "signature");
    if (deposit.signum() < 0 || cumulative.signum() < 0 || paidOut.signum() < 0) {
      throw new IllegalArgumentException("channel amounts are non-negative");
    }
  }

  /** What the highest voucher promises beyond what the chain has paid out. */
  public BigInteger unsettled() {
    return cumulative.subtract(paidOut).max(BigInteger.ZERO);
  }

  /**
   * The high-water mark moved; {@code updatedAtMs} tracks lifecycle changes only, not every
   * voucher.
   */
  ChannelRecord withVoucher(BigInteger newCumulative, VoucherSignature newSignature) {
    return new ChannelRecord(
        rowId,
        principalId,
        walletId,
        channelId,
        role,
        hub,
        asset,
        payer,
        payee,
        deposit,
        newCumulative,
        paidOut,
        expiresAt,
        status,
        Optional.of(newSignature),
        updatedAtMs);
  }

  ChannelRecord withChain(
      BigInteger newDeposit,
      BigInteger newPaidOut,
      Instant newExpiresAt,
      ChannelStatus newStatus,
      long nowMs) {
    return new ChannelRecord(
        rowId,
        principalId,
        walletId,
        channelId,
        role,
        hub,
        asset,
        payer,
        payee,
        newDeposit,
        cumulative,
        newPaidOut,
        newExpiresAt,
        newStatus,
        signature,
        nowMs);
  }

  ChannelRecord withStatus(ChannelStatus newStatus, long nowMs) {
    return withChain(deposit, paidOut, expiresAt, newStatus, nowMs);
  }
}
