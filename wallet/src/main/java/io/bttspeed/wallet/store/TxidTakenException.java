package io.bttspeed.wallet.store;

/**
 * Another transfer already holds the transaction id a write tried to store: the transaction was
 * built identical to one already recorded. Nothing was written; the caller builds a new transaction
 * (a new timestamp makes a new id) rather than let two transfers share one payment.
 */
public final class TxidTakenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TxidTakenException(String what, Throwable cause) {
    super("transaction " + what + " is already recorded for another transfer", cause);
  }
}
