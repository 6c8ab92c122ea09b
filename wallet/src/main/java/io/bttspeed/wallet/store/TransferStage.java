package io.bttspeed.wallet.store;

/**
 * How far the send pipeline got, so that a restart resumes at the right step and never signs twice.
 */
public enum TransferStage {
  /** Recorded with its idempotency key; nothing signed, nothing can be on chain. */
  RECORDED,
  /**
   * Signed and stored; it may or may not have reached the node, so it is looked up before any
   * re-send.
   */
  SIGNED,
  /** Seen in a block; waiting for that block to solidify. */
  BROADCAST,
  /** Final: CONFIRMED, FAILED or EXPIRED. */
  DONE
}
