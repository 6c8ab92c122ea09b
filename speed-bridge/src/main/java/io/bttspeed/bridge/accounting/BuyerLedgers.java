package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.accounting.LedgerStore.Role;
import io.bttspeed.bridge.domain.InfoHash;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What we owe each payee, per (torrent, payee, asset), for verified data only (DESIGN §5, the
 * leecher). A block's share is priced when it arrives (bytes × the supplier's clearing price if it
 * held a paid slot then) and held per piece; when the piece verifies, the shares move into the
 * ledgers' exact numerators; when it fails, they are dropped: nobody is paid for a failed piece.
 *
 * <p>A payment is written through, with the channel's commitment, before the wallet signs. A
 * verified piece is not: it is written behind, by {@link #flush()} on the node's tick. Writing it
 * through cost an H2 commit per piece on Bt's verifying thread, which held up the download
 * (docs/benchmarks.md, issue #13). What a kill can lose is a tick's verified pieces not yet paid
 * for, as the seller's own charges are kept per tick: those pieces go unpaid, within the seller's
 * credit limit. Thread-safe; writes hold {@code storeLock} and then the ledgers' monitor, never the
 * other way, and each writes a value taken under both, so a later write is never older.
 */
public final class BuyerLedgers {
  private record PieceKey(InfoHash torrent, int piece) {}

  private static final class Share {
    BigInteger numerator = BigInteger.ZERO;
    long paidBytes;
    long freeBytes;
  }

  private final LedgerStore store;
  private final Object storeLock = new Object();
  private final Map<LedgerKey, Ledger> ledgers;
  private final Set<LedgerKey> unsaved = new LinkedHashSet<>();
  private final Map<PieceKey, Map<LedgerKey, Share>> pending = new HashMap<>();

  public BuyerLedgers(LedgerStore store) {
    this.store = store;
    this.ledgers = new LinkedHashMap<>(store.load(Role.BUYER));
  }

  /**
   * A block of {@code piece} arrived from the payee of {@code key}, under a paid slot at {@code
   * price} or not.
   */
  public synchronized void blockReceived(
      LedgerKey key, int piece, long bytes, boolean paidSlot, BigInteger price) {
    Share share =
        pending
            .computeIfAbsent(new PieceKey(key.torrent(), piece), p -> new HashMap<>())
            .computeIfAbsent(key, k -> new Share());
    if (paidSlot) {
      share.numerator = share.numerator.add(BigInteger.valueOf(bytes).multiply(price));
      share.paidBytes = Math.addExact(share.paidBytes, bytes);
    } else {
      share.freeBytes = Math.addExact(share.freeBytes, bytes);
    }
  }

  /**
   * The piece verified: its shares are owed now, in memory at once and stored by the next {@link
   * #flush()}. Returns the ledgers it changed.
   */
  public synchronized Map<LedgerKey, Ledger> pieceVerified(InfoHash torrent, int piece) {
    Map<LedgerKey, Share> shares = pending.remove(new PieceKey(torrent, piece));
    Map<LedgerKey, Ledger> changed = new LinkedHashMap<>();
    if (shares != null) {
      shares.forEach(
          (key, share) -> {
            Ledger ledger =
                get(key).withNumerator(share.numerator, share.paidBytes, share.freeBytes);
            ledgers.put(key, ledger);
            unsaved.add(key);
            changed.put(key, ledger);
          });
    }
    return changed;
  }

  /** The piece failed its hash check: nobody is paid for it. Returns who supplied blocks of it. */
  public synchronized Set<LedgerKey> pieceFailed(InfoHash torrent, int piece) {
    Map<LedgerKey, Share> shares = pending.remove(new PieceKey(torrent, piece));
    return shares == null ? Set.of() : Set.copyOf(shares.keySet());
  }

  /**
   * Stores what verified pieces changed since the last flush, in one transaction. A failed write
   * leaves them to the next flush, and is thrown.
   */
  public void flush() {
    synchronized (storeLock) {
      Map<LedgerKey, Ledger> batch = new LinkedHashMap<>();
      synchronized (this) {
        unsaved.forEach(key -> batch.put(key, ledgers.get(key)));
        unsaved.clear();
      }
      if (batch.isEmpty()) {
        return;
      }
      try {
        store.saveAll(Role.BUYER, batch);
      } catch (RuntimeException e) {
        synchronized (this) {
          unsaved.addAll(batch.keySet());
        }
        throw e;
      }
    }
  }

  /**
   * A voucher for {@code more} is about to be signed for this ledger, raising the channel's
   * cumulative amount to {@code committed}: both recorded in one transaction, before the wallet
   * signs. A failed write changes nothing.
   *
   * @param channelHex the channel's id, 64 lower-case hex digits
   */
  public Ledger paid(LedgerKey key, BigInteger more, String channelHex, BigInteger committed) {
    return writeThrough(key, l -> l.withPaid(more), l -> less(l, more), channelHex, committed);
  }

  /**
   * Takes back a payment recorded before the wallet refused to sign it, and the channel's
   * commitment with it. A failed write changes nothing.
   */
  public Ledger unpaid(LedgerKey key, BigInteger amount, String channelHex, BigInteger committed) {
    return writeThrough(key, l -> less(l, amount), l -> l.withPaid(amount), channelHex, committed);
  }

  /**
   * Changes the ledger in memory and stores it with the channel's commitment; undoes the change if
   * the store fails. A change that throws (taking back more than was paid) changes nothing. Only
   * payments change what is paid, and they hold {@code storeLock}, so the undo is exact even when a
   * piece verified meanwhile.
   */
  private Ledger writeThrough(
      LedgerKey key,
      UnaryOperator<Ledger> change,
      UnaryOperator<Ledger> undo,
      String channelHex,
      BigInteger committed) {
    synchronized (storeLock) {
      Ledger ledger;
      synchronized (this) {
        ledger = change.apply(get(key));
        ledgers.put(key, ledger);
        unsaved.remove(key); // written below, with every verified piece so far
      }
      try {
        store.savePayment(key, ledger, channelHex, committed);
      } catch (RuntimeException e) {
        synchronized (this) {
          ledgers.put(key, undo.apply(get(key)));
          unsaved.add(key);
        }
        throw e;
      }
      return ledger;
    }
  }

  /** What the leecher committed to sign on a channel, across restarts; zero if nothing. */
  public BigInteger committed(String channelHex) {
    return store.committed(channelHex);
  }

  private static Ledger less(Ledger l, BigInteger amount) {
    if (amount.signum() < 0 || amount.compareTo(l.paid()) > 0) {
      throw new IllegalArgumentException("cannot take back more than was paid");
    }
    return new Ledger(
        l.asset(), l.owedNumerator(), l.paid().subtract(amount), l.bytesPaid(), l.bytesFree());
  }

  public synchronized Ledger get(LedgerKey key) {
    return ledgers.getOrDefault(key, Ledger.empty(key.asset()));
  }

  public synchronized Map<LedgerKey, Ledger> of(InfoHash torrent) {
    Map<LedgerKey, Ledger> out = new LinkedHashMap<>();
    ledgers.forEach(
        (k, v) -> {
          if (k.torrent().equals(torrent)) {
            out.put(k, v);
          }
        });
    return out;
  }

  public synchronized Map<LedgerKey, Ledger> all() {
    return Map.copyOf(ledgers);
  }
}
