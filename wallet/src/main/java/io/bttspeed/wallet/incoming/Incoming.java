package io.bttspeed.wallet.incoming;

import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Principal;
import java.util.List;
import java.util.Optional;

/** What the caller's wallets received: the read side of the incoming payments, for the API. */
public final class Incoming {

  private final IncomingStore store;
  private final Wallets wallets;

  public Incoming(IncomingStore store, Wallets wallets) {
    this.store = store;
    this.wallets = wallets;
  }

  /** A page of the principal's incoming payments; a wallet filter must name one of its wallets. */
  public List<IncomingPayment> page(
      Principal principal,
      Optional<WalletId> walletId,
      long indexOffset,
      int max,
      boolean reversed) {
    walletId.ifPresent(id -> wallets.get(principal, id));
    return store.page(principal.id(), walletId, indexOffset, max, reversed);
  }

  /** The log that SubscribeIncoming follows. */
  public IncomingStore log() {
    return store;
  }
}
