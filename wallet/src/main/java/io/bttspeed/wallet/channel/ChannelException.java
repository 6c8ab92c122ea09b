package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.error.FailedPreconditionException;

/**
 * A channel operation the channel's state forbids; the message names the channel and the {@link
 * Reason}. The API reports it as FAILED_PRECONDITION: the request was well formed, the channel is
 * not in a state to take it.
 */
public final class ChannelException extends FailedPreconditionException {

  private static final long serialVersionUID = 1L;

  /** Why; {@link #text} is the phrase the message starts with. */
  public enum Reason {
    UNKNOWN_CHANNEL("unknown channel"),
    NOT_OPEN_YET("not open yet"),
    DEPOSIT_EXHAUSTED("deposit exhausted"),
    EXPIRED("expired"),
    CLOSING("closing"),
    CLOSED("closed"),
    NOT_PAYEE("not the payee"),
    NOT_PAYER("not the payer"),
    WRONG_ASSET("wrong asset"),
    STALE_VOUCHER("stale voucher"),
    NOTHING_TO_SETTLE("nothing to settle"),
    NOT_EXPIRED("not expired"),
    CHAIN_REJECTED("rejected on chain");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final Reason reason;

  public ChannelException(ChannelId channel, Reason reason, String detail) {
    super(
        "channel "
            + channel.hex()
            + ": "
            + reason.text()
            + (detail.isEmpty() ? "" : ": " + detail));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
