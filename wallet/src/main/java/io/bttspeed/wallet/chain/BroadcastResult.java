package io.bttspeed.wallet.chain;

/**
 * The node's answer to a broadcast: accepted, or rejected for good with java-tron's code and
 * message.
 */
public sealed interface BroadcastResult permits BroadcastResult.Accepted, BroadcastResult.Rejected {

  record Accepted() implements BroadcastResult {}

  /** E.g. {@code CONTRACT_VALIDATE_ERROR: balance is not sufficient}. */
  record Rejected(String code, String message) implements BroadcastResult {
    public String reason() {
      return code + ": " + message;
    }
  }
}
