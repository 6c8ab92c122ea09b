package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.CallRejectedException;
import io.bttspeed.wallet.chain.ChainFees;
import io.bttspeed.wallet.chain.TransferIntent;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fees from the node's chain parameters and energy estimate, never from constants, and the balance
 * check that uses them. Follows java-tron's charging: bandwidth is free up to the account's free
 * and staked bandwidth and burned at {@code getTransactionFee} per byte beyond it; a transfer that
 * creates the recipient burns {@code getCreateAccountFee} for bandwidth plus {@code
 * getCreateNewAccountFeeInSystemContract}; energy burns at {@code getEnergyFee} per unit; a memo
 * costs {@code getMemoFee}.
 */
public final class FeeEstimator {

  /**
   * Chain parameters change by on-chain proposal, at most once per maintenance period (6 h on
   * mainnet).
   */
  private static final Duration FEES_MAX_AGE = Duration.ofSeconds(30);

  private static final int KNOWN_ACCOUNTS = 100_000;

  private final TronGateway gateway;
  private final int feeLimitMarginPercent;
  private final Clock clock;
  private final Object feesLock = new Object();
  private ChainFees fees;
  private long feesReadAtMs;

  /**
   * Accounts seen to exist; a TRON account is never deleted, so a positive answer can be
   * remembered.
   */
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

  /**
   * The node's energy estimate for the transfer. The balance read above may predate a concurrent
   * send that has since landed; when the contract would reject the transfer because the balance now
   * falls short, that is the caller's insufficient funds, not the contract's mystery.
   */
  private long estimateTransfer(
      TronAddress from, Asset.Trc20 token, TronAddress to, BigInteger units) {
    try {
      return gateway.estimateTrc20TransferEnergy(from, token.contract(), to, units);
    } catch (CallRejectedException e) {
      BigInteger held = gateway.trc20Balance(token.contract(), from);
      if (units.compareTo(held) > 0) {
        throw new InsufficientFundsException(token.key(), units, held);
      }
      throw e;
    }
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

  /**
   * The estimate plus the reads it was computed from: the sender's account, and its TRC-20 balance
   * for a TRC-20 send.
   */
  public record Quote(
      FeeEstimate fee, SenderAccounts.Read sender, Optional<SenderAccounts.TokenRead> trc20) {}

  /**
   * A send admitted by {@link #reserve}: its quote, and what it will spend until {@link #release}d.
   */
  public record Reservation(Quote quote, SenderAccounts.Spend spend) {}

  /** The estimate from the sender's account as the node reports it now. */
  public Quote quote(
      TronAddress from, TronAddress to, Amount amount, String memo, Optional<Long> feeLimitSun) {
    return quote(senders.fresh(from), from, to, amount, memo, feeLimitSun);
  }

  /**
   * The estimate for a send, checked against the sender's funds less what its other sends in flight
   * will spend, and reserved: until the node refuses the send or has applied it, later checks count
   * it. Uses a recent account state (see {@link SenderAccounts}), read afresh before failing with
   * the shortfall.
   */
  public Reservation reserve(
      TronAddress from, TronAddress to, Amount amount, String memo, Optional<Long> feeLimitSun) {
    Quote recent = quote(senders.recent(from), from, to, amount, memo, feeLimitSun);
    try {
      return admit(from, amount, recent);
    } catch (InsufficientFundsException e) {
      return admit(from, amount, quote(from, to, amount, memo, feeLimitSun));
    }
  }

  private Reservation admit(TronAddress from, Amount amount, Quote quote) {
    SenderAccounts.Spend spend =
        senders.admit(
            from,
            amount,
            quote.fee(),
            quote.sender(),
            quote.trc20(),
            (net, trc20Net) -> requireFunds(amount, quote.fee().feeSun(), net, trc20Net));
    return new Reservation(quote, spend);
  }

  /** The node accepted the reserved send: account states read from now on show what it spent. */
  public void accepted(Reservation reservation) {
    senders.accepted(reservation.spend());
  }

  /** The reserved send will spend nothing: refused, expired, or not made. A no-op once accepted. */
  public void release(Reservation reservation) {
    senders.release(reservation.spend());
  }

  private Quote quote(
      SenderAccounts.Read sender,
      TronAddress from,
      TronAddress to,
      Amount amount,
      String memo,
      Optional<Long> feeLimitSun) {
    ChainFees fees = fees();
    Asset asset = amount.asset();
    boolean createsAccount = !(asset instanceof Asset.Trc20) && !exists(to);
    long energy = 0;
    long energyFee = 0;
    long feeLimit = 0;
    Optional<SenderAccounts.TokenRead> trc20Read = Optional.empty();
    if (asset instanceof Asset.Trc20 trc20) {
      // Checked first: estimating a transfer the contract would revert tells the caller nothing
      // useful.
      SenderAccounts.TokenRead tokens = senders.trc20(trc20.contract(), from);
      if (amount.units().compareTo(tokens.units()) > 0) {
        throw new InsufficientFundsException(asset.key(), amount.units(), tokens.units());
      }
      trc20Read = Optional.of(tokens);
      energy = estimateTransfer(from, trc20, to, amount.units());
      energyFee = Math.multiplyExact(energy, fees.energyPriceSun());
      long margin = Math.multiplyExact(energyFee, (long) feeLimitMarginPercent) / 100;
      feeLimit = feeLimitSun.orElse(Math.addExact(energyFee, margin));
      if (feeLimit < energyFee) {
        throw new InvalidArgumentException(
            "fee_limit_sun "
                + feeLimit
                + " is below the estimated energy cost of "
                + energyFee
                + " sun");
      }
    }
    long bandwidth = gateway.bandwidthBytes(new TransferIntent(from, to, amount, feeLimit, memo));
    long bandwidthFee;
    if (createsAccount) {
      bandwidthFee = Math.addExact(fees.createAccountBandwidthFeeSun(), fees.createAccountFeeSun());
    } else {
      bandwidthFee =
          bandwidth <= sender.state().freeBandwidthBytes()
              ? 0
              : Math.multiplyExact(bandwidth, fees.bandwidthPriceSun());
    }
    long memoFee = memo.isEmpty() ? 0 : fees.memoFeeSun();
    long total = Math.addExact(Math.addExact(bandwidthFee, energyFee), memoFee);
    return new Quote(
        new FeeEstimate(total, bandwidth, energy, feeLimit, createsAccount), sender, trc20Read);
  }

  /**
   * Fails with the shortfall when the sender cannot pay the amount and the estimated fee from the
   * given state (and TRC-20 balance, for a TRC-20 send).
   */
  private static void requireFunds(
      Amount amount, long feeSun, AccountState sender, Optional<BigInteger> trc20Units) {
    BigInteger fee = BigInteger.valueOf(feeSun);
    BigInteger trx = BigInteger.valueOf(sender.trxSun());
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
            ? BigInteger.valueOf(sender.trc10(trc10.tokenId()))
            : trc20Units.orElseThrow(
                () -> new IllegalStateException("a TRC-20 quote without its balance"));
    if (amount.units().compareTo(tokens) > 0) {
      throw new InsufficientFundsException(asset.key(), amount.units(), tokens);
    }
    if (fee.compareTo(trx) > 0) {
      throw new InsufficientFundsException("TRX (for the fee)", fee, trx);
    }
  }
}
