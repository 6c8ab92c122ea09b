package io.bttspeed.devnet.chain;

/**
 * Where in the chain a transaction is being processed. A transaction executes once, when it is
 * accepted, as part of the next block: contracts see that block's number and the current time.
 *
 * @param headNumber the number of the current head block
 * @param headTimeMs the head block's timestamp, ms since the epoch
 * @param headSlot the head block's slot since genesis (3-second slots), the clock bandwidth
 *     recovers by
 * @param executionTimeMs the time contracts see (TIMESTAMP), ms since the epoch, after the head's
 */
public record BlockContext(long headNumber, long headTimeMs, long headSlot, long executionTimeMs) {
  public long executionNumber() {
    return headNumber + 1;
  }
}
