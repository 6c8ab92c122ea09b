package io.bttspeed.wallet.store;

/**
 * A status change of a transfer: the transfer as of that change, and its place in the event order.
 */
public record TransferEvent(long eventIndex, TransferRecord transfer) {}
