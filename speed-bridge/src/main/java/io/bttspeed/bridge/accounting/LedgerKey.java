package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.util.Objects;

/**
 * Whose money a ledger counts.
 *
 * @param counterparty the payer (when we sell) or the payee (when we buy)
 */
public record LedgerKey(InfoHash torrent, TronAddress counterparty, Asset asset) {
  public LedgerKey {
    Objects.requireNonNull(torrent, "torrent");
    Objects.requireNonNull(counterparty, "counterparty");
    Objects.requireNonNull(asset, "asset");
  }
}
