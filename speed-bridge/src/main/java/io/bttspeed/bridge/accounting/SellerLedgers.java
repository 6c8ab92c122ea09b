package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.accounting.LedgerStore.Role;
import io.bttspeed.bridge.domain.InfoHash;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each payer owes us, per (torrent, payer, asset): piece bytes we sent it while it held a paid
 * slot, at the clearing price of the moment, and the vouchers we accepted for it. Write-through to
 * the store, so earnings survive a restart. Thread-safe.
 *
 * <p>A channel's vouchers are cumulative and may pay for several torrents, so the ledgers keep, per
 * channel, the highest cumulative they counted, and a voucher the wallet stored pays in only the
 * difference, to the torrent whose connection brought it. That count is stored with the ledger: the
 * wallet's own total is no substitute, for it may hold a voucher the ledgers never counted (the
 * daemon died between the wallet's answer and the ledger's write), which the buyer sends again.
 */
public final class SellerLedgers {
  private final LedgerStore store;
  private final Map<LedgerKey, Ledger> ledgers;
  private final Map<String, BigInteger> credited;
  private final boolean countsPredateChannels;

  public SellerLedgers(LedgerStore store) {
    this.store = store;
    this.ledgers = new LinkedHashMap<>(store.load(Role.SELLER));
    this.credited = new HashMap<>(store.credited());
    this.countsPredateChannels = store.countsPredateChannels();
  }

  /** We sent {@code bytes} of piece payload, under a paid slot at {@code price} per MiB or not. */
  public synchronized Ledger sent(LedgerKey key, long bytes, boolean paidSlot, BigInteger price) {
    if (bytes == 0) {
      return get(key);
    }
    return put(key, get(key).withBytes(bytes, paidSlot, price));
  }

  /**
   * The wallet stored vouchers on a channel up to {@code cumulative}, the newest brought by {@code
   * key}'s connection: what of it no ledger counted yet is paid into {@code key}'s ledger, with the
   * channel's count, in one transaction. A total at or below the count (a resend) changes nothing.
   *
   * @param channelHex the channel's id, 64 lower-case hex digits
   */
  public synchronized Ledger credit(LedgerKey key, String channelHex, BigInteger cumulative) {
    BigInteger more = cumulative.subtract(credited.getOrDefault(channelHex, BigInteger.ZERO));
    if (more.signum() <= 0) {
      return get(key);
    }
    Ledger ledger = get(key).withPaid(more);
    store.saveCredit(key, ledger, channelHex, cumulative); // first: a failed write changes nothing
    ledgers.put(key, ledger);
    credited.put(channelHex, cumulative);
    return ledger;
  }

  /**
   * A payer bid with a channel on which the wallet holds vouchers up to {@code walletHolds}. Only a
   * store that counted vouchers before it kept a count per channel uses it: a channel it has no
   * count for starts from there, as the earlier rule did, rather than from zero, which would pay
   * every voucher of it into the ledgers again.
   */
  public synchronized void bidWith(String channelHex, BigInteger walletHolds) {
    if (!countsPredateChannels || credited.containsKey(channelHex)) {
      return;
    }
    store.saveCredited(channelHex, walletHolds);
    credited.put(channelHex, walletHolds);
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
