package io.bttspeed.wallet.chain;

/** The head block as a node reported it: its number and its timestamp in epoch milliseconds. */
public record ChainHead(long number, long timeMs) {}
