package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.TronGateway;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What each sender has to spend, for the balance check: the account as the node last reported it,
 * less every send of this process that the report cannot show yet. A send is admitted under this
 * object's lock against that net state and its spend is noted at once, so sends released together
 * cannot all pass the check on the same balance. A spend is <em>pending</em> from admission until
 * the node answers its broadcast, then <em>accepted</em> at that moment (the node's account state
 * shows it from then on) or dropped if the node refused it. A read of the node that began at time r
 * cannot show pending spends nor spends accepted at or after r, so exactly those are subtracted
 * from it.
 *
 * <p>A state read from the node is reused for at most {@link #MAX_AGE}, so a wallet sending many
 * transfers does not ask for its account on every one. Callers read afresh before refusing a send
 * for want of funds.
 */
final class SenderAccounts {

  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /**
   * How long an accepted spend is kept: longer than any read of the node can take (reads have a
   * deadline of a few seconds), so no read still in flight can have begun before it was accepted.
   */
  static final Duration KEEP_ACCEPTED = Duration.ofMinutes(2);

  private static final int MAX_SENDERS = 10_000;
  private static final long PENDING = Long.MIN_VALUE;

  private final TronGateway gateway;
  private final LongSupplier nanoTime;

  /** Guarded by {@code this}; node reads happen outside the lock. */
  private final Map<TronAddress, Read> reads = new HashMap<>();

  /** Guarded by {@code this}. */
  private final Map<TronAddress, Spends> spends = new HashMap<>();

  /** An account state and when the read that returned it began ({@link System#nanoTime} scale). */
  record Read(AccountState state, long startNanos) {}

  /** A TRC-20 balance and when the read that returned it began. */
  record TokenRead(BigInteger units, long startNanos) {}

  /** The funds check a send must pass against the net state; throws to refuse. */
  @FunctionalInterface
  interface FundsCheck {
    void require(AccountState net, Optional<BigInteger> trc20Net);
  }

  /**
   * What one admitted send will spend: the amount and the TRX fee and bandwidth estimated for it.
   */
  static final class Spend {
    private final TronAddress sender;
    private final Amount amount;
    private final long feeSun;
    private final long bandwidthBytes;

    /**
     * {@link #PENDING}, or when the node accepted it; guarded by the enclosing {@link
     * SenderAccounts}.
     */
    private long acceptedAtNanos = PENDING;

    private Spend(TronAddress sender, Amount amount, long feeSun, long bandwidthBytes) {
      this.sender = sender;
      this.amount = amount;
      this.feeSun = feeSun;
      this.bandwidthBytes = bandwidthBytes;
    }
  }

  /**
   * One sender's spends: those pending, and those accepted in the order they were (so oldest
   * first).
   */
  private static final class Spends {
    final Set<Spend> pending = new LinkedHashSet<>();
    final ArrayDeque<Spend> accepted = new ArrayDeque<>();

    boolean isEmpty() {
      return pending.isEmpty() && accepted.isEmpty();
    }
  }

  SenderAccounts(TronGateway gateway, LongSupplier nanoTime) {
    this.gateway = gateway;
    this.nanoTime = nanoTime;
  }

  /** The last read of the sender if it is at most {@link #MAX_AGE} old, else a new one. */
  Read recent(TronAddress sender) {
    synchronized (this) {
      Read read = reads.get(sender);
      if (read != null && nanoTime.getAsLong() - read.startNanos() <= MAX_AGE.toNanos()) {
        return read;
      }
    }
    return fresh(sender);
  }

  /** Reads the node now and keeps the result for {@link #recent}. */
  Read fresh(TronAddress sender) {
    long started = nanoTime.getAsLong();
    Read read = new Read(gateway.account(sender), started);
    synchronized (this) {
      Read previous = reads.get(sender);
      if (previous == null || previous.startNanos() < started) {
        if (reads.size() >= MAX_SENDERS && previous == null) {
          reads.clear();
        }
        reads.put(sender, read);
      }
    }
    return read;
  }

  /** Reads a TRC-20 balance now, noting when the read began. */
  TokenRead trc20(TronAddress token, TronAddress owner) {
    long started = nanoTime.getAsLong();
    return new TokenRead(gateway.trc20Balance(token, owner), started);
  }

  /**
   * Checks the send against the reads less the spends they cannot show, and if the check passes
   * notes the send's spend as pending, all under one lock. Throws whatever the check throws, and
   * then notes nothing.
   */
  synchronized Spend admit(
      TronAddress sender,
      Amount amount,
      FeeEstimate fee,
      Read account,
      Optional<TokenRead> trc20,
      FundsCheck check) {
    long now = nanoTime.getAsLong();
    Spends mine = spends.computeIfAbsent(sender, s -> new Spends());
    forgetOldAccepted(mine, now);
    try {
      check.require(net(account, mine), trc20.map(read -> trc20Net(read, amount.asset(), mine)));
    } catch (RuntimeException refused) {
      if (mine.isEmpty()) {
        spends.remove(sender);
      }
      throw refused;
    }
    Spend spend = new Spend(sender, amount, fee.feeSun(), fee.bandwidthBytes());
    mine.pending.add(spend);
    return spend;
  }

  /** The node accepted the send's transaction: reads that begin from now on show it. */
  synchronized void accepted(Spend spend) {
    Spends mine = spends.get(spend.sender);
    if (mine != null && mine.pending.remove(spend)) {
      spend.acceptedAtNanos = nanoTime.getAsLong();
      mine.accepted.addLast(spend);
    }
  }

  /**
   * The send will not spend anything (refused, expired, or not made after all); a no-op once
   * accepted.
   */
  synchronized void release(Spend spend) {
    Spends mine = spends.get(spend.sender);
    if (mine != null && mine.pending.remove(spend) && mine.isEmpty()) {
      spends.remove(spend.sender);
    }
  }

  private void forgetOldAccepted(Spends mine, long now) {
    while (!mine.accepted.isEmpty()
        && now - mine.accepted.peekFirst().acceptedAtNanos > KEEP_ACCEPTED.toNanos()) {
      mine.accepted.removeFirst();
    }
  }

  /** Whether a read that began at {@code startNanos} cannot show the spend. */
  private static boolean unseenBy(Spend s, long startNanos) {
    return s.acceptedAtNanos == PENDING || s.acceptedAtNanos - startNanos >= 0;
  }

  /**
   * The spends a read cannot show, newest accepted first, stopping at the first accepted before the
   * read.
   */
  private static Iterable<Spend> unseen(Spends mine, long startNanos) {
    return () ->
        new Iterator<>() {
          final Iterator<Spend> pending = mine.pending.iterator();
          final Iterator<Spend> accepted = mine.accepted.descendingIterator();
          Spend next = advance();

          private Spend advance() {
            if (pending.hasNext()) {
              return pending.next();
            }
            if (accepted.hasNext()) {
              Spend s = accepted.next();
              return unseenBy(s, startNanos) ? s : null;
            }
            return null;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Spend next() {
            Spend current = next;
            next = advance();
            return current;
          }
        };
  }

  /**
   * The account less the unseen spends; free bandwidth as if every one used it, so the fee is never
   * underestimated. A result below zero is kept as zero: the check then refuses.
   */
  private static AccountState net(Read read, Spends mine) {
    AccountState state = read.state();
    long trx = state.trxSun();
    long free = state.freeBandwidthBytes();
    Map<Long, Long> tokens = new HashMap<>(state.trc10Units());
    for (Spend s : unseen(mine, read.startNanos())) {
      trx = Math.subtractExact(trx, s.feeSun);
      free = Math.subtractExact(free, s.bandwidthBytes);
      Asset asset = s.amount.asset();
      if (asset instanceof Asset.Trx) {
        trx = Math.subtractExact(trx, s.amount.longValueExact());
      } else if (asset instanceof Asset.Trc10 trc10) {
        tokens.merge(trc10.tokenId(), -s.amount.longValueExact(), Math::addExact);
      }
    }
    tokens.replaceAll((id, units) -> Math.max(0, units));
    return new AccountState(state.exists(), Math.max(0, trx), tokens, Math.max(0, free));
  }

  /** The TRC-20 balance less the unseen spends of the same token. */
  private static BigInteger trc20Net(TokenRead read, Asset token, Spends mine) {
    BigInteger units = read.units();
    for (Spend s : unseen(mine, read.startNanos())) {
      if (s.amount.asset().equals(token)) {
        units = units.subtract(s.amount.units());
      }
    }
    return units.max(BigInteger.ZERO);
  }
}
