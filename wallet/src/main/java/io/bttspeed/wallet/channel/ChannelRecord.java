package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.id.WalletId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of a channel as this service stores it. Amounts are of {@code asset}: {@code deposit}
 * and {@code paidOut} as last seen on chain, {@code cumulative} the high-water mark (highest
 * voucher signed by a payer, or accepted by a payee) with its {@code signature}. {@code expiresAt}
 * has whole seconds, as on chain; {@code updatedAtMs} is the time of the last lifecycle change
 * (vouchers do not touch it).
 */
public record ChannelRecord(
    long rowId,
    String principalId,
    WalletId walletId,
    ChannelId channelId,
    ChannelRole role,
    TronAddress hub,
    Asset asset,
    TronAddress payer,
    TronAddress payee,
    Amount deposit,
    Amount cumulative,
    Amount paidOut,
    Instant expiresAt,
    ChannelStatus status,
    Optional<VoucherSignature> signature,
    long updatedAtMs) {

  public ChannelRecord {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(signature, "signature");
    for (Amount a : List.of(deposit, cumulative, paidOut)) {
      if (!a.asset().equals(asset)) {
        throw new IllegalArgumentException("a " + asset.key() + " channel cannot hold " + a);
      }
    }
  }

  /** What the highest voucher promises beyond what the chain has paid out. */
  public Amount unsettled() {
    return cumulative.minusOrZero(paidOut);
  }

  /** What the deposit still covers beyond the highest voucher. */
  public Amount remaining() {
    return deposit.minusOrZero(cumulative);
  }

  /**
   * The high-water mark moved; {@code updatedAtMs} tracks lifecycle changes only, not every
   * voucher.
   */
  ChannelRecord withVoucher(Amount newCumulative, VoucherSignature newSignature) {
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
      Amount newDeposit,
      Amount newPaidOut,
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
