package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.SignedTransaction;

/** Keeps nothing: for contract calls a test makes outside any channel's record. */
final class NoJournal implements ChannelChain.Journal {
  static final NoJournal INSTANCE = new NoJournal();

  @Override
  public boolean signed(ChannelTransaction.Kind kind, SignedTransaction tx) {
    return true;
  }

  @Override
  public void landed(ChannelTransaction.Sent tx) {}

  @Override
  public void refused(TxId txid) {}
}
