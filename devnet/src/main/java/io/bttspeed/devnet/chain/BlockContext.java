package io.bttspeed.devnet.chain;

/**
 * Where in the chain a transaction is being processed.
 *
 * @param headNumber the number of the current head block
 * @param headTimeMs the head block's timestamp, ms since the epoch
 * @param headSlot the head block's slot since genesis (3-second slots), the clock bandwidth recovers by
 */
public record BlockContext(long headNumber, long headTimeMs, long headSlot) {}
