package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels in memory, one {@link Slot} per (wallet, channel), over the store. A slot's {@code
 * lock} serialises everything that moves the high-water mark or the stored state, so the cached
 * record is always what the database holds; its {@code chainLock} lets only one transaction per
 * channel be under way at a time, and is taken before {@code lock}, never after.
 */
final class ChannelLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelLedger.class);

  /** One wallet's side of one channel. */
  static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    final ReentrantLock chainLock = new ReentrantLock();
    private volatile ChannelRecord record;
    private volatile TronKey key;

    /**
     * The head block number known before the chain state was last read into {@code record}: the
     * record shows every change in blocks up to it. -1 until the first read by this process.
     */
    private volatile long readAtBlock = -1;

    Slot(ChannelRecord record) {
      this.record = record;
    }

    ChannelRecord record() {
      return record;
    }

    void set(ChannelRecord r) {
      this.record = r;
    }

    Optional<TronKey> cachedKey() {
      return Optional.ofNullable(key);
    }

    void cacheKey(TronKey k) {
      this.key = k;
    }

    private void readAt(long block) {
      if (block > readAtBlock) {
        readAtBlock = block;
      }
    }
  }

  private record Key(WalletId walletId, ChannelId channelId) {}

  private final ChannelStore store;
  private final ChannelTransactionStore transactions;
  private final VoucherCommitter committer;
  private final ChannelHubs hubs;
  private final ChannelChain chain;
  private final Clock clock;
  private final ChainClock chainClock;
  private final Duration openTimeout;
  private final Map<TronAddress, VoucherSigner> signers = new HashMap<>();
  private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();

  private final UnlandedTransactions unlanded;
  private final OpeningRows opens;

  ChannelLedger(
      ChannelStore store,
      ChannelTransactionStore transactions,
      ChannelHubs hubs,
      ChannelChain chain,
      ChainClock chainClock,
      UnlandedTransactions unlanded,
      Duration openTimeout,
      Clock clock) {
    this.chainClock = chainClock;
    this.unlanded = unlanded;
    this.opens = new OpeningRows(store, unlanded, clock);
    this.openTimeout = openTimeout;
    this.store = store;
    this.transactions = transactions;
    this.committer = new VoucherCommitter(store);
    this.hubs = hubs;
    this.chain = chain;
    this.clock = clock;
    hubs.hubs().forEach(h -> signers.put(h.address(), new VoucherSigner(h.domain())));
  }

  /** Stops the commit thread after committing what is queued. */
  @Override
  public void close() {
    committer.close();
  }

  ChannelStore store() {
    return store;
  }

  ChannelHubs hubs() {
    return hubs;
  }

  ChannelTransactionStore transactions() {
    return transactions;
  }

  /**
   * A call by the wallet's owner on the channel: its transactions go to the history as they land.
   */
  ChannelCall call(String principalId, WalletId walletId, ChannelId id) {
    return new ChannelCall(transactions, unlanded.store(), principalId, walletId, id, this::nowMs);
  }

  /** The transactions of the call that sent {@code txid}, for a retry answered from its record. */
  List<ChannelTransaction> callOf(String principalId, TxId txid) {
    return transactions.callOf(principalId, txid);
  }

  ChannelChain chain() {
    return chain;
  }

  /** How long after it was sent a channel transaction may still land: past this it never will. */
  Duration inFlightTimeout() {
    return openTimeout;
  }

  /**
   * The wallet's time, for its own bookkeeping (when a row changed, how long an open is awaited).
   */
  long nowMs() {
    return clock.millis();
  }

  /** The chain's time: every expiry decision is taken against it, as the contracts take theirs. */
  Instant now() {
    return chainClock.now();
  }

  VoucherSigner signer(ChannelRecord r) {
    return signers.get(r.hub());
  }

  ChannelHub hub(ChannelRecord r) {
    return hubs.at(r.hub())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "channel " + r.channelId() + " is on an unconfigured hub"));
  }

  /**
   * The caller's side of the channel; another principal's channel looks exactly like a missing one.
   */
  Slot slot(Principal caller, WalletId walletId, ChannelId id) {
    return find(walletId, id)
        .filter(s -> s.record().principalId().equals(caller.id()))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no channel "
                        + id.hex()
                        + " for wallet "
                        + walletId
                        + "; ListChannels shows yours"));
  }

  Optional<Slot> find(WalletId walletId, ChannelId id) {
    Key key = new Key(walletId, id);
    Slot cached = slots.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    return store.find(walletId, id).map(r -> slots.computeIfAbsent(key, k -> new Slot(r)));
  }

  /** The slot of a stored record, creating it if this is the first time it is seen. */
  Slot adopt(ChannelRecord r) {
    return slots.computeIfAbsent(new Key(r.walletId(), r.channelId()), k -> new Slot(r));
  }

  /**
   * Brings the stored state in line with {@code channels(id)}: deposit, paid out, expiry, closed. A
   * channel left CLOSING by an interrupted close or reclaim that the chain never saw goes back to
   * OPEN once nothing stored of that close or reclaim can still land. Logs one event for the most
   * significant change. Call with the slot's chainLock held.
   */
  ChannelRecord reconcile(Slot s) {
    ChannelRecord before = s.record();
    long head = chainClock.knownHeadNumber();
    ChannelState onChain = chain.read(hub(before), before.channelId(), reader(before));
    s.readAt(head);
    if (!onChain.exists()) {
      return before.status() == ChannelStatus.OPENING ? opens.giveUpIfNeverOpened(s) : before;
    }
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      ChannelStatus status = onChain.closed() ? ChannelStatus.CLOSED : ChannelStatus.OPEN;
      if (status == ChannelStatus.OPEN
          && r.status() == ChannelStatus.CLOSING
          && unlanded.mayStillClose(r)) {
        // A close or reclaim of it may still land: taking vouchers again now could leave them
        // unredeemed by a close signed for less.
        status = ChannelStatus.CLOSING;
      }
      Optional<ChannelEventKind> kind = Optional.empty();
      if (status == ChannelStatus.CLOSED && r.status() != ChannelStatus.CLOSED) {
        kind = Optional.of(ChannelEventKind.CLOSED);
      } else if (r.status() == ChannelStatus.OPENING) {
        kind = Optional.of(ChannelEventKind.OPENED);
      } else if (onChain.paidOut().compareTo(r.paidOut().units()) > 0) {
        kind = Optional.of(ChannelEventKind.SETTLED);
      } else if (onChain.deposit().compareTo(r.deposit().units()) > 0) {
        kind = Optional.of(ChannelEventKind.TOPPED_UP);
      } else if (onChain.expiresAt().isAfter(r.expiresAt())) {
        kind = Optional.of(ChannelEventKind.EXTENDED);
      }
      boolean same =
          kind.isEmpty()
              && r.status() == status
              && onChain.deposit().equals(r.deposit().units())
              && onChain.paidOut().equals(r.paidOut().units());
      if (same) {
        return r;
      }
      ChannelRecord updated =
          store.recordState(
              r.withChain(
                  new Amount(r.asset(), onChain.deposit()),
                  new Amount(r.asset(), onChain.paidOut()),
                  onChain.expiresAt(),
                  status,
                  clock.millis()),
              kind);
      s.set(updated);
      return updated;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Makes sure the slot's record shows every block the node has now, reading the channel's state
   * again if a block came since it was last read: one head request (shared by concurrent callers)
   * and, at most once per block and channel, a read of the channel. Without it a payer would go on
   * signing for a channel the payee closed until the watcher's next round. Call without the slot's
   * locks.
   */
  void catchUp(Slot s) {
    try {
      catchUpWith(s);
    } catch (NodeUnavailableException e) {
      // The node cannot be reached: go on from what this wallet last saw. A close or reclaim it has
      // not seen yet takes nothing from the payer for a voucher signed now (a closed channel pays
      // out nothing more), so payments go on through a node's restart instead of failing with it.
      LOG.debug(
          "channel {}: not caught up with the chain: {}", s.record().channelId(), e.getMessage());
    }
  }

  private void catchUpWith(Slot s) {
    long head = chainClock.latest().number();
    if (s.readAtBlock >= head) {
      return;
    }
    if (s.chainLock.tryLock()) {
      try {
        reconcile(s);
      } finally {
        s.chainLock.unlock();
      }
      return;
    }
    // One of this wallet's own transactions on the channel holds the chain lock until its block (a
    // close or reclaim marks the channel CLOSING first, which refuses by itself): ask the chain
    // only whether the channel was closed meanwhile, and leave recording it to that transaction.
    ChannelRecord r = s.record();
    if (chain.read(hub(r), r.channelId(), reader(r)).closed()) {
      throw new ChannelException(
          r.channelId(), ChannelException.Reason.CLOSED, "closed on chain by block " + head);
    }
  }

  private static TronAddress reader(ChannelRecord r) {
    return r.role() == ChannelRole.PAYER ? r.payer() : r.payee();
  }

  /** The transactions signed and not yet in a block. */
  UnlandedTransactions unlanded() {
    return unlanded;
  }

  /** Giving up and reviving the rows of opens that never reached the chain. */
  OpeningRows opens() {
    return opens;
  }

  /**
   * Marks the channel CLOSING before a close or reclaim is sent, so no voucher is signed or
   * accepted.
   */
  ChannelRecord markClosing(Slot s) {
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      if (r.status() != ChannelStatus.OPEN) {
        return r;
      }
      ChannelRecord updated =
          store.recordState(
              r.withStatus(ChannelStatus.CLOSING, clock.millis()),
              Optional.of(ChannelEventKind.CLOSING));
      s.set(updated);
      return updated;
    } finally {
      s.lock.unlock();
    }
  }

  /** Moves the mark from the slot's current record; the caller holds {@code s.lock}. */
  ChannelRecord recordVoucher(Slot s, Amount cumulative, VoucherSignature sig) {
    ChannelRecord r = s.record();
    if (cumulative.compareTo(r.cumulative()) <= 0) {
      throw new IllegalStateException(
          "a high-water mark only goes up: "
              + r.cumulative().units()
              + " -> "
              + cumulative.units());
    }
    if (!committer.commit(
        new ChannelStore.VoucherUpdate(r.rowId(), r.cumulative(), cumulative, sig))) {
      // Another process sharing the database moved the mark: take its value and let the caller
      // retry.
      s.set(store.findByRow(r.rowId()).orElseThrow());
      throw new ChannelException(
          r.channelId(),
          ChannelException.Reason.STALE_VOUCHER,
          "the high-water mark moved concurrently to "
              + s.record().cumulative().units()
              + "; retry");
    }
    ChannelRecord updated = r.withVoucher(cumulative, sig);
    s.set(updated);
    return updated;
  }
}
