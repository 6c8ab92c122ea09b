package io.bttspeed.wallet.transfer;

/**
 * What a transfer is expected to burn, in sun, and why: its bandwidth in bytes, its energy in units
 * (TRC-20), the fee limit a send sets (TRC-20, sun; 0 otherwise), and whether it creates the
 * recipient's account.
 */
public record FeeEstimate(
    long feeSun, long bandwidthBytes, long energyUnits, long feeLimitSun, boolean createsAccount) {}
