package io.bttspeed.wallet.transfer;

import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.ChainFees;
import io.bttspeed.wallet.chain.TransferIntent;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.money.Asset;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fees from the node's chain parameters and energy estimate, never from constants, and the balance check
 * that uses them. Follows java-tron's charging: bandwidth is free up to the account's free and staked
 * bandwidth and burned at {@code getTransactionFee} per byte beyond it; a transfer that creates the
 * recipient burns {@code getCreateAccountFee} for bandwidth plus {@code getCreateNewAccountFeeInSystemContract};
 * energy burns at {@code getEnergyFee} per unit; a memo costs {@code getMemoFee}.
 */
public final class FeeEstimator {

  /** Chain parameters change by on-chain proposal, at most once per maintenance period (6 h on mainnet). */
  private static final Duration FEES_MAX_AGE = Duration.ofSeconds(30);
  private static final int KNOWN_ACCOUNTS = 100_000;

  private final TronGateway gateway;
  private final int feeLimitMarginPercent;
  private final Clock clock;
  private final Object feesLock = new Object();
  private ChainFees fees;
  private long feesReadAtMs;
  /** Accounts seen to exist; a TRON account is never deleted, so a positive answer can be remembered. */
  private final Set<TronAddress> existing =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<TronAddress, Boolean> eldest) {
                  return size() > KNOWN_ACCOUNTS;
                }
              }));

  private final SenderAccounts senders;

  public FeeEstimator(TronGateway gateway, int feeLimitMarginPercent, Clock clock) {
    this.gateway = gateway;
    this.feeLimitMarginPercent = feeLimitMarginPercent;
    this.clock = clock;
    this.senders = new SenderAccounts(gateway, System::nanoTime);
  }

  private ChainFees fees() {
    synchronized (feesLock) {
      long now = clock.millis();
      if (fees == null || now - feesReadAtMs > FEES_MAX_AGE.toMillis()) {
        fees = gateway.fees();
        feesReadAtMs = now;
      }
      return fees;
    }
  }

  private boolean exists(TronAddress address) {
    if (existing.contains(address)) {
      return true;
    }
    boolean exists = gateway.account(address).exists();
    if (exists) {
      existing.add(address);
    }
    return exists;
  }

  /** The estimate plus the sender's state it was computed from (its TRC-20 balance for a TRC-20 send). */
  public record Quote(FeeEstimate fee, AccountState sender, Optional<BigInteger> trc20Units) {}

  /** The estimate from the sender's account as the node reports it now. */
  public Quote quote(TronAddress from, TronAddress to, Amount amount, String memo, Optional<Long> feeLimitSun) {
    return quote(senders.fresh(from), from, to, amount, memo, feeLimitSun);
  }

  /**
   * The estimate for a send, checked against the sender's funds: from a recent account state (see {@link
   * SenderAccounts}), read afresh before failing with the shortfall.
   */
  public Quote fundedQuote(
      TronAddress from, TronAddress to, Amount amount, String memo, Optional<Long> feeLimitSun) {
    Quote recent = quote(senders.recent(from), from, to, amount, memo, feeLimitSun);
    try {
      requireFunds(from, amount, recent);
      return recent;
    } catch (InsufficientFundsException e) {
      Quote now = quote(from, to, amount, memo, feeLimitSun);
      requireFunds(from, amount, now);
      return now;
    }
  }

  /** Notes a send the node accepted, so that recent account states account for it. */
  public void spent(TronAddress from, Amount amount, Quote quote) {
    senders.spent(from, amount, quote.fee());
  }

  private Quote quote(
      AccountState sender, TronAddress from, TronAddress to, Amount amount, String memo,
      Optional<Long> feeLimitSun) {
    ChainFees fees = fees();
    Asset asset = amount.asset();
    boolean createsAccount = !(asset instanceof Asset.Trc20) && !exists(to);
    long energy = 0;
    long energyFee = 0;
    long feeLimit = 0;
    Optional<BigInteger> trc20Units = Optional.empty();
    if (asset instanceof Asset.Trc20 trc20) {
      // Checked first: estimating a transfer the contract would revert tells the caller nothing useful.
      BigInteger tokens = gateway.trc20Balance(trc20.contract(), from);
      if (amount.units().compareTo(tokens) > 0) {
        throw new InsufficientFundsException(asset.key(), amount.units(), tokens);
      }
      trc20Units = Optional.of(tokens);
      energy = gateway.estimateTrc20TransferEnergy(from, trc20.contract(), to, amount.units());
      energyFee = Math.multiplyExact(energy, fees.energyPriceSun());
      long margin = Math.multiplyExact(energyFee, (long) feeLimitMarginPercent) / 100;
      feeLimit = feeLimitSun.orElse(Math.addExact(energyFee, margin));
      if (feeLimit < energyFee) {
        throw new InvalidArgumentException(
            "fee_limit_sun " + feeLimit + " is below the estimated energy cost of " + energyFee + " sun");
      }
    }
    long bandwidth = gateway.bandwidthBytes(new TransferIntent(from, to, amount, feeLimit, memo));
    long bandwidthFee;
    if (createsAccount) {
      bandwidthFee = Math.addExact(fees.createAccountBandwidthFeeSun(), fees.createAccountFeeSun());
    } else {
      bandwidthFee = bandwidth <= sender.freeBandwidthBytes() ? 0 : Math.multiplyExact(bandwidth, fees.bandwidthPriceSun());
    }
    long memoFee = memo.isEmpty() ? 0 : fees.memoFeeSun();
    long total = Math.addExact(Math.addExact(bandwidthFee, energyFee), memoFee);
    return new Quote(new FeeEstimate(total, bandwidth, energy, feeLimit, createsAccount), sender, trc20Units);
  }

  /** Fails with the shortfall when the sender cannot pay the amount and the estimated fee. */
  void requireFunds(TronAddress from, Amount amount, Quote quote) {
    BigInteger fee = BigInteger.valueOf(quote.fee().feeSun());
    BigInteger trx = BigInteger.valueOf(quote.sender().trxSun());
    Asset asset = amount.asset();
    if (asset instanceof Asset.Trx) {
      BigInteger needed = amount.units().add(fee);
      if (needed.compareTo(trx) > 0) {
        throw new InsufficientFundsException("TRX (amount plus fee)", needed, trx);
      }
      return;
    }
    BigInteger tokens =
        asset instanceof Asset.Trc10 trc10
            ? BigInteger.valueOf(quote.sender().trc10(trc10.tokenId()))
            : quote.trc20Units().orElseGet(() -> gateway.trc20Balance(((Asset.Trc20) asset).contract(), from));
    if (amount.units().compareTo(tokens) > 0) {
      throw new InsufficientFundsException(asset.key(), amount.units(), tokens);
    }
    if (fee.compareTo(trx) > 0) {
      throw new InsufficientFundsException("TRX (for the fee)", fee, trx);
    }
  }
}
