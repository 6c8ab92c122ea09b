package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.accounting.LedgerStore.Role;
import io.bttspeed.bridge.domain.InfoHash;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each payer owes us, per (torrent, payer, asset): piece bytes we sent it while it held a paid
 * slot, at the clearing price of the moment, and the vouchers we accepted for it. Write-through to
 * the store, so earnings survive a restart. Thread-safe.
 */
public final class SellerLedgers {
  private final LedgerStore store;
  private final Map<LedgerKey, Ledger> ledgers;

  public SellerLedgers(LedgerStore store) {
    this.store = store;
    this.ledgers = new LinkedHashMap<>(store.load(Role.SELLER));
  }

  /** We sent {@code bytes} of piece payload, under a paid slot at {@code price} per MiB or not. */
  public synchronized Ledger sent(LedgerKey key, long bytes, boolean paidSlot, BigInteger price) {
    if (bytes == 0) {
      return get(key);
    }
    return put(key, get(key).withBytes(bytes, paidSlot, price));
  }

  /**
   * A voucher raised what the payer's channel has paid us by {@code more}, on this torrent's
   * connection.
   */
  public synchronized Ledger paid(LedgerKey key, BigInteger more) {
    return put(key, get(key).withPaid(more));
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
    store.save(Role.SELLER, key, ledger); // first: a failed write changes nothing in memory either
    ledgers.put(key, ledger);
    return ledger;
  }
}
