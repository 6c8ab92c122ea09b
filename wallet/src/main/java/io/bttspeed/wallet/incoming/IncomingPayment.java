package io.bttspeed.wallet.incoming;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.id.WalletId;

/**
 * A payment one of a principal's wallets received, as recorded from a solidified block.
 *
 * @param paymentIndex increases with the order payments were recorded; pages and streams resume
 *     from it
 * @param blockTimeMs the block's time, epoch milliseconds
 */
public record IncomingPayment(
    long paymentIndex,
    WalletId walletId,
    Amount amount,
    TronAddress from,
    TronAddress to,
    TxId txid,
    long blockNumber,
    long blockTimeMs) {}
