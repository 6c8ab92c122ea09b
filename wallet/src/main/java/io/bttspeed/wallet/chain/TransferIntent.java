package io.bttspeed.wallet.chain;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;

/**
 * A transfer to build: from, to, what and how much, the TRC-20 fee limit in sun (0 otherwise), a
 * memo.
 */
public record TransferIntent(
    TronAddress from, TronAddress to, Amount amount, long feeLimitSun, String memo) {}
