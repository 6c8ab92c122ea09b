package io.bttspeed.wallet.chain;

import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Everything the wallet asks of a TRON node, and nothing more. Implemented over Trident; every method may
 * throw {@link NodeUnavailableException} when the node cannot be reached, times out, or is busy.
 */
public interface TronGateway extends AutoCloseable {

  /** TRX and TRC-10 balances and free bandwidth; a never-activated address reads as empty. */
  AccountState account(TronAddress address);

  /** {@code balanceOf(owner)} of a TRC-20 contract, by a constant call. */
  BigInteger trc20Balance(TronAddress token, TronAddress owner);

  /** The fee-relevant chain parameters, as the node reports them now. */
  ChainFees fees();

  /**
   * Energy a TRC-20 {@code transfer(to, amount)} from {@code from} would use, by the node's estimate; a
   * transfer the contract would reject is a {@link io.bttspeed.wallet.error.FailedPreconditionException}.
   */
  long estimateTrc20TransferEnergy(TronAddress from, TronAddress token, TronAddress to, BigInteger amount);

  /** Bytes of bandwidth a transaction for this intent takes (size with signature, plus the result slot). */
  long bandwidthBytes(TransferIntent intent);

  /** Builds the transaction (TaPoS from a recent block, expiration head + 60 s) and signs it with the key. */
  SignedTransaction buildAndSign(TransferIntent intent, TronKey key);

  /** Sends a signed transaction to the node; a duplicate of an accepted one counts as accepted. */
  BroadcastResult broadcast(SignedTransaction tx);

  /** Where the transaction landed and how it ended, or empty while it is in no block. */
  Optional<TransactionOutcome> outcome(String txid);

  /** The highest solidified (irreversible) block number. */
  long solidifiedBlockNumber();

  /** The timestamp of the head block, milliseconds; expiration is judged against it, not the local clock. */
  long headBlockTimeMs();

  @Override
  void close();
}
