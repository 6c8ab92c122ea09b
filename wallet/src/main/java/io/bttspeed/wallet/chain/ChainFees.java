package io.bttspeed.wallet.chain;

/**
 * Fee parameters from {@code getChainParameters}, all in sun: per byte of bandwidth burned, per
 * unit of energy burned, the bandwidth charge for a transaction that creates an account, the extra
 * charge for creating an account by a system contract, and the memo fee.
 */
public record ChainFees(
    long bandwidthPriceSun,
    long energyPriceSun,
    long createAccountBandwidthFeeSun,
    long createAccountFeeSun,
    long memoFeeSun) {}
