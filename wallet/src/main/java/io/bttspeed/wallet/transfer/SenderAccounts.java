package io.bttspeed.wallet.transfer;

import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.money.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sender account states for the balance check, so that a wallet sending many transfers does not ask the node
 * for its account on every one. A state read from the node is used for at most {@link #MAX_AGE}, less what
 * this process has had accepted since the read began: it can show less than the node would (a deposit
 * arrived, or a send counted twice), never more because of our own sends. Callers read afresh before
 * refusing a send for want of funds.
 */
final class SenderAccounts {

  static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final int MAX_SENDERS = 10_000;

  private final TronGateway gateway;
  private final LongSupplier nanoTime;
  /** Guarded by {@code this}; node reads happen outside the lock. */
  private final Map<TronAddress, Snapshot> snapshots = new HashMap<>();

  /** A transfer the node accepted: when, the amount, and the TRX fee and bandwidth estimated for it. */
  private record Spend(long atNanos, Amount amount, long feeSun, long bandwidthBytes) {}

  /** A state as read, when the read began, and the spends noted since then. */
  private record Snapshot(AccountState read, long readStartNanos, List<Spend> since) {}

  SenderAccounts(TronGateway gateway, LongSupplier nanoTime) {
    this.gateway = gateway;
    this.nanoTime = nanoTime;
  }

  /** The state from a read at most {@link #MAX_AGE} old, less the spends noted since it began. */
  AccountState recent(TronAddress sender) {
    synchronized (this) {
      Snapshot snapshot = snapshots.get(sender);
      if (snapshot != null && nanoTime.getAsLong() - snapshot.readStartNanos() <= MAX_AGE.toNanos()) {
        return net(snapshot);
      }
    }
    return fresh(sender);
  }

  /** Reads the node now and keeps the result for {@link #recent}. */
  AccountState fresh(TronAddress sender) {
    long started = nanoTime.getAsLong();
    AccountState read = gateway.account(sender);
    synchronized (this) {
      Snapshot previous = snapshots.get(sender);
      if (previous != null && previous.readStartNanos() > started) {
        return read; // a read that began later is already kept
      }
      // Spends accepted after this read began may be missing from it: carry them over.
      List<Spend> carried = new ArrayList<>();
      if (previous != null) {
        previous.since().stream().filter(s -> s.atNanos() >= started).forEach(carried::add);
      }
      if (snapshots.size() >= MAX_SENDERS) {
        snapshots.clear();
      }
      snapshots.put(sender, new Snapshot(read, started, carried));
    }
    return read;
  }

  /** Notes that the node accepted a transfer from the sender, with the fee estimated for it. */
  synchronized void spent(TronAddress sender, Amount amount, FeeEstimate fee) {
    Snapshot snapshot = snapshots.get(sender);
    if (snapshot != null) {
      snapshot.since().add(new Spend(nanoTime.getAsLong(), amount, fee.feeSun(), fee.bandwidthBytes()));
    }
  }

  /** Subtracts the spends; bandwidth as if every one used free bandwidth, so the fee is never underestimated. */
  private static AccountState net(Snapshot snapshot) {
    AccountState read = snapshot.read();
    long trx = read.trxSun();
    long free = read.freeBandwidthBytes();
    Map<Long, Long> tokens = new HashMap<>(read.trc10Units());
    for (Spend s : snapshot.since()) {
      trx -= s.feeSun();
      free -= s.bandwidthBytes();
      Asset asset = s.amount().asset();
      if (asset instanceof Asset.Trx) {
        trx -= s.amount().longValueExact();
      } else if (asset instanceof Asset.Trc10 trc10) {
        tokens.merge(trc10.tokenId(), -s.amount().longValueExact(), Long::sum);
      }
    }
    tokens.replaceAll((id, units) -> Math.max(0, units));
    return new AccountState(read.exists(), Math.max(0, trx), tokens, Math.max(0, free));
  }
}
