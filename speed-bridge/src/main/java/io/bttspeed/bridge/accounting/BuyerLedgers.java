package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.accounting.LedgerStore.Role;
import io.bttspeed.bridge.domain.InfoHash;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What we owe each payee, per (torrent, payee, asset), for verified data only (DESIGN §5, the
 * leecher). A block's share is priced when it arrives (bytes × the supplier's clearing price if it
 * held a paid slot then) and held per piece; when the piece verifies, the shares move into the
 * ledgers' exact numerators; when it fails, they are dropped: nobody is paid for a failed piece.
 * Write-through to the store, so spending survives a restart. Thread-safe.
 */
public final class BuyerLedgers {
  private record PieceKey(InfoHash torrent, int piece) {}

  private static final class Share {
    BigInteger numerator = BigInteger.ZERO;
    long paidBytes;
    long freeBytes;
  }

  private final LedgerStore store;
  private final Map<LedgerKey, Ledger> ledgers;
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

  /** The piece verified: its shares are owed now. Returns the ledgers it changed. */
  public synchronized Map<LedgerKey, Ledger> pieceVerified(InfoHash torrent, int piece) {
    Map<LedgerKey, Share> shares = pending.remove(new PieceKey(torrent, piece));
    Map<LedgerKey, Ledger> changed = new LinkedHashMap<>();
    if (shares != null) {
      shares.forEach(
          (key, share) ->
              changed.put(
                  key,
                  put(
                      key,
                      get(key).withNumerator(share.numerator, share.paidBytes, share.freeBytes))));
    }
    return changed;
  }

  /** The piece failed its hash check: nobody is paid for it. Returns who supplied blocks of it. */
  public synchronized Set<LedgerKey> pieceFailed(InfoHash torrent, int piece) {
    Map<LedgerKey, Share> shares = pending.remove(new PieceKey(torrent, piece));
    return shares == null ? Set.of() : Set.copyOf(shares.keySet());
  }

  /** A voucher for {@code more} was signed for this ledger. */
  public synchronized Ledger paid(LedgerKey key, BigInteger more) {
    return put(key, get(key).withPaid(more));
  }

  /**
   * A voucher for {@code more} is about to be signed for this ledger, raising the channel's
   * cumulative amount to {@code committed}: both recorded in one transaction, before the wallet
   * signs.
   *
   * @param channelHex the channel's id, 64 lower-case hex digits
   */
  public synchronized Ledger paid(
      LedgerKey key, BigInteger more, String channelHex, BigInteger committed) {
    Ledger ledger = get(key).withPaid(more);
    store.savePayment(key, ledger, channelHex, committed);
    ledgers.put(key, ledger);
    return ledger;
  }

  /** Takes back a payment recorded before the wallet refused to sign it. */
  public synchronized Ledger unpaid(LedgerKey key, BigInteger amount) {
    return put(key, without(key, amount));
  }

  /**
   * Takes back a payment recorded before the wallet refused to sign it, and the channel's
   * commitment with it.
   */
  public synchronized Ledger unpaid(
      LedgerKey key, BigInteger amount, String channelHex, BigInteger committed) {
    Ledger ledger = without(key, amount);
    store.savePayment(key, ledger, channelHex, committed);
    ledgers.put(key, ledger);
    return ledger;
  }

  /** What the leecher committed to sign on a channel, across restarts; zero if nothing. */
  public BigInteger committed(String channelHex) {
    return store.committed(channelHex);
  }

  private Ledger without(LedgerKey key, BigInteger amount) {
    Ledger l = get(key);
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

  private Ledger put(LedgerKey key, Ledger ledger) {
    store.save(Role.BUYER, key, ledger);
    ledgers.put(key, ledger);
    return ledger;
  }
}
