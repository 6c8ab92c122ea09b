package io.bttspeed.wallet.chain;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;

/**
 * A payment that a block carried out: TRX or a TRC-10 token moved by a transaction's contract or by
 * a contract call inside it (an internal transaction), or a TRC-20 Transfer event.
 *
 * @param txid the transaction
 * @param position where in the transaction: 0 for its own contract, {@code 1 + i} for its i-th
 *     event log, {@link #INTERNAL_BASE} {@code + j} for its j-th internal transaction; with the
 *     txid and recipient it names the payment uniquely
 * @param blockTimeMs the block's time, epoch milliseconds
 */
public record ChainPayment(
    TxId txid,
    int position,
    TronAddress from,
    TronAddress to,
    Amount amount,
    long blockNumber,
    long blockTimeMs) {

  public static final int INTERNAL_BASE = 1_000_000;
}
