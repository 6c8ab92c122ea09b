package io.bttspeed.contracts.channel;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;

/** The events both channel contracts emit, amounts in the asset's base units. */
public sealed interface ChannelEvent {
  ChannelId channelId();

  /**
   * A channel was opened with {@code deposit}; for TRC-20 the asset is the token argument of open.
   */
  record Opened(
      ChannelId channelId,
      EvmAddress payer,
      EvmAddress payee,
      ChannelAsset asset,
      BigInteger deposit,
      Instant expiresAt)
      implements ChannelEvent {}

  /** The payer added {@code amount}; {@code deposit} is the new total. */
  record ToppedUp(ChannelId channelId, BigInteger amount, BigInteger deposit)
      implements ChannelEvent {}

  record Extended(ChannelId channelId, Instant expiresAt) implements ChannelEvent {}

  /** The payee redeemed a voucher for {@code cumulativeAmount} and received {@code payout}. */
  record Settled(ChannelId channelId, BigInteger cumulativeAmount, BigInteger payout)
      implements ChannelEvent {}

  /** The payee closed: it received {@code payout}, the payer {@code refund}. */
  record Closed(
      ChannelId channelId, BigInteger cumulativeAmount, BigInteger payout, BigInteger refund)
      implements ChannelEvent {}

  /** The payer took {@code refund} back after expiry. */
  record Reclaimed(ChannelId channelId, BigInteger refund) implements ChannelEvent {}
}
