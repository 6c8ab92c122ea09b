package io.bttspeed.wallet.chain;

/**
 * A transaction in a block: the block number, whether it succeeded (for a contract call, whether it
 * did not revert or run out of energy), the node's reason if not, and the TRX it burned in sun.
 */
public record TransactionOutcome(
    long blockNumber, boolean succeeded, String failureReason, long feeSun) {}
