package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.protocol.RejectCode;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one mapping from a wallet's refusal to a {@code reject} code. */
final class Rejects {
  private Rejects() {}

  static RejectCode code(ChannelWalletException.Reason reason) {
    return switch (reason) {
      case BAD_CHANNEL -> RejectCode.BAD_CHANNEL;
      case BAD_VOUCHER -> RejectCode.BAD_VOUCHER;
      case STALE_VOUCHER -> RejectCode.STALE_VOUCHER;
      case OVER_DEPOSIT -> RejectCode.OVER_DEPOSIT;
      case EXPIRING -> RejectCode.EXPIRING;
      case FUNDS, UNAVAILABLE -> RejectCode.BUSY; // ours to fix, not the peer's: it may retry
    };
  }

  /**
   * The wallet's refusal inside a failed future, or {@code busy} for anything else (logged by the
   * caller).
   */
  static RejectCode code(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ChannelWalletException e ? code(e.reason()) : RejectCode.BUSY;
  }
}
