package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.chain.ChainHead;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The chain's head block: its timestamp is the chain's time, which is what the channel contracts
 * compare expiry with (block.timestamp), so a wallet whose clock is off neither signs for a channel
 * the payer can already reclaim nor refuses one that is still good. {@link #now} is cached for
 * {@link #MAX_AGE} (measured on the wallet's clock, which only ages the cache), so voucher hot
 * paths do not ask the node per call; a block comes every 3 s on TRON, so the cached value is never
 * more than one block staler. {@link #latest} is never cached: it answers a head the node reported
 * after the call began, and callers that overlap share one request to the node.
 */
final class ChainClock {

  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /** How long the chain's time is estimated while the node cannot be reached. */
  static final Duration MAX_ESTIMATE = Duration.ofMinutes(5);

  private record Sample(ChainHead head, long fetchedAtMs) {}

  /** One request for the head; the callers that wait for it share its answer. */
  private static final class Flight {
    private boolean started;
    private boolean done;
    private ChainHead head;
    private RuntimeException failure;

    ChainHead result() {
      if (failure != null) {
        throw failure;
      }
      return head;
    }
  }

  private final ChannelGateway gateway;
  private final Clock local;
  private volatile Sample sample;
  private volatile long highestNumber = -1;

  private final Object flights = new Object();

  /** The request under way, if any. */
  private Flight running;

  /** The request that starts when {@code running} ends, for callers that came after it began. */
  private Flight queued;

  ChainClock(ChannelGateway gateway, Clock local) {
    this.gateway = gateway;
    this.local = local;
  }

  Instant now() {
    Sample s = sample;
    if (fresh(s)) {
      return Instant.ofEpochMilli(s.head().timeMs());
    }
    try {
      return Instant.ofEpochMilli(latest().timeMs());
    } catch (NodeUnavailableException e) {
      return estimate(s).orElseThrow(() -> e);
    }
  }

  /**
   * While the node cannot be reached: the last head's time plus what the wallet's clock says has
   * passed since it was read, for at most {@link #MAX_ESTIMATE}. Only the elapsed time is taken
   * from the wallet's clock, so an offset in it does not matter, and the expiry margin (an hour by
   * default) is far wider than the drift of a few minutes. So vouchers, which never touch the
   * chain, go on through a node's restart instead of failing with it.
   */
  private Optional<Instant> estimate(Sample s) {
    if (s == null) {
      return Optional.empty();
    }
    long age = local.millis() - s.fetchedAtMs();
    if (age < 0 || age > MAX_ESTIMATE.toMillis()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(s.head().timeMs() + age));
  }

  /** The highest head block number seen so far, -1 before the first; never asks the node. */
  long knownHeadNumber() {
    return highestNumber;
  }

  /**
   * The head block as the node reported it in a request sent after this call began, so a block the
   * node had when the caller asked is never missed. A caller arriving while a request is under way
   * waits for the next one, which all such callers share: the node sees at most one request at a
   * time however many callers there are.
   */
  ChainHead latest() {
    Flight mine;
    boolean interrupted = false;
    synchronized (flights) {
      if (running == null) {
        running = new Flight();
        mine = running;
      } else {
        if (queued == null) {
          queued = new Flight();
        }
        mine = queued;
      }
      while (!mine.done && (running != mine || mine.started)) {
        try {
          flights.wait();
        } catch (InterruptedException e) {
          // The request is under way and bounded by the node's deadline: wait for its answer.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        return mine.result();
      }
      mine.started = true;
    }
    ChainHead head = null;
    RuntimeException failure = null;
    try {
      head = gateway.head();
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (flights) {
      mine.head = head;
      mine.failure = failure;
      mine.done = true;
      if (head != null) {
        sample = new Sample(head, local.millis());
        highestNumber = Math.max(highestNumber, head.number());
      }
      running = queued;
      queued = null;
      flights.notifyAll();
    }
    return mine.result();
  }

  /** A sample from the future (the wallet's clock went back) is as stale as an old one. */
  private boolean fresh(Sample s) {
    if (s == null) {
      return false;
    }
    long age = local.millis() - s.fetchedAtMs();
    return age >= 0 && age < MAX_AGE.toMillis();
  }
}
