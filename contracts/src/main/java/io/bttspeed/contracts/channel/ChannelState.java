package io.bttspeed.contracts.channel;

import io.bttspeed.contracts.EvmAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code channels(id)} answers, amounts in the asset's base units. An id the contract does not
 * know answers all zeros: {@link #exists()} is false.
 *
 * @param expiresAt when the payer may reclaim (the contract compares it with TIMESTAMP, whole
 *     seconds)
 */
public record ChannelState(
    EvmAddress payer,
    EvmAddress payee,
    ChannelAsset asset,
    BigInteger deposit,
    BigInteger paidOut,
    Instant expiresAt,
    boolean closed) {
  public ChannelState {
    Objects.requireNonNull(payer, "payer");
    Objects.requireNonNull(payee, "payee");
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(paidOut, "paidOut");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean exists() {
    return !payer.isZero();
  }

  /** What the payee can still be paid: deposit minus what it was already paid. */
  public BigInteger remaining() {
    return deposit.subtract(paidOut);
  }
}
