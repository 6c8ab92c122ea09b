package io.bttspeed.wallet.chain;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.FailedPreconditionException;

/**
 * The node tried a contract call against its current state and the contract reverted it: the call
 * is refused before anything is signed, since sending it would only burn its fee. Fixable by
 * changing state (funds, an allowance, the channel), so FAILED_PRECONDITION.
 */
public final class CallRejectedException extends FailedPreconditionException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public CallRejectedException(TronAddress contract, String reason) {
    super(
        "the contract "
            + contract
            + " would reject this call"
            + (reason.isEmpty() ? " (it gave no reason)" : ": " + reason));
    this.reason = reason;
  }

  /** The contract's revert reason, or the node's message; empty when neither said anything. */
  public String reason() {
    return reason;
  }
}
