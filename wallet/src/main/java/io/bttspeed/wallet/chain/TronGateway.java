package io.bttspeed.wallet.chain;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the wallet asks of a TRON node, and nothing more. Implemented over Trident; every
 * method may throw {@link NodeUnavailableException} when the node cannot be reached, times out, or
 * is busy.
 */
public interface TronGateway extends AutoCloseable {

  /** TRX and TRC-10 balances and free bandwidth; a never-activated address reads as empty. */
  AccountState account(TronAddress address);

  /** {@code balanceOf(owner)} of a TRC-20 contract, by a constant call. */
  BigInteger trc20Balance(TronAddress token, TronAddress owner);

  /** The fee-relevant chain parameters, as the node reports them now. */
  ChainFees fees();

  /**
   * Energy a TRC-20 {@code transfer(to, amount)} from {@code from} would use, by the node's
   * estimate; a transfer the contract would reject is a {@link CallRejectedException}, as for
   * {@link ChannelGateway#estimateEnergy}.
   */
  long estimateTrc20TransferEnergy(
      TronAddress from, TronAddress token, TronAddress to, BigInteger amount);

  /**
   * Bytes of bandwidth a transaction for this intent takes (size with signature, plus the result
   * slot).
   */
  long bandwidthBytes(TransferIntent intent);

  /**
   * Builds the unsigned transaction (TaPoS from a recent block, expiration head + 60 s). May ask
   * the node for its head block; {@link #sign} never does, so signing can happen inside a database
   * transaction.
   */
  TransactionDraft draft(TransferIntent intent);

  /** Signs a draft with the key: computation only, no node call. */
  SignedTransaction sign(TransactionDraft draft, TronKey key);

  default SignedTransaction buildAndSign(TransferIntent intent, TronKey key) {
    return sign(draft(intent), key);
  }

  /** Sends a signed transaction to the node; a duplicate of an accepted one counts as accepted. */
  BroadcastResult broadcast(SignedTransaction tx);

  /** Where the transaction landed and how it ended, or empty while it is in no block. */
  Optional<TransactionOutcome> outcome(TxId txid);

  /** The highest solidified (irreversible) block number. */
  long solidifiedBlockNumber();

  /** Transaction ids in a block, solidified or not. */
  Set<TxId> transactionsIn(long blockNumber);

  /**
   * How every transaction in a solidified block ended, by transaction id; asks the solidity node.
   */
  Map<TxId, TransactionOutcome> solidifiedOutcomes(long blockNumber);

  /**
   * The successful payments of the given assets in a solidified block, to any address; asks the
   * solidity node. TRC-20 payments are the tokens' Transfer events.
   */
  List<ChainPayment> solidifiedPayments(long blockNumber, Set<Asset> assets);

  /** The head block, fresh from the node; expiration is judged by its time, not the local clock. */
  ChainHead head();

  default long headBlockTimeMs() {
    return head().timeMs();
  }

  @Override
  void close();
}
