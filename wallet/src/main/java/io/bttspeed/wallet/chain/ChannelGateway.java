package io.bttspeed.wallet.chain;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import java.util.List;
import java.util.Optional;

/**
 * The contract calls the payment channels need: view calls on a channel hub, energy estimates, and
 * signed calls, sent and looked up in separate steps so the caller can store each first. Call data
 * comes from the {@code contracts} bindings, so this interface knows nothing of channels' ABI.
 * Every method may throw {@link NodeUnavailableException}.
 */
public interface ChannelGateway extends AutoCloseable {

  /**
   * What a view call returned, or the revert reason (empty when the contract gave none) with the
   * energy the call used until it reverted.
   */
  sealed interface ViewResult permits ViewResult.Returned, ViewResult.Reverted {
    record Returned(byte[] data) implements ViewResult {}

    record Reverted(String reason, long energyUsed) implements ViewResult {}
  }

  /**
   * A call that is in a block: its txid, block, whether it succeeded, the revert reason or node
   * message if not, its return data, the TRX it burned in sun, and what that fee was for. The txid
   * is empty when the node refused to build the transaction.
   */
  record CallOutcome(
      Optional<TxId> txid,
      long blockNumber,
      boolean succeeded,
      String failureReason,
      byte[] returnData,
      long feeSun,
      Resources resources) {

    /** A call the node refused before any block: it burned nothing. */
    public CallOutcome(
        Optional<TxId> txid,
        long blockNumber,
        boolean succeeded,
        String failureReason,
        byte[] returnData,
        long feeSun) {
      this(txid, blockNumber, succeeded, failureReason, returnData, feeSun, Resources.NONE);
    }
  }

  /**
   * What a transaction in a block consumed, from its receipt: bandwidth in bytes and the sun burned
   * for the part not covered by free bandwidth, energy in units and the sun burned for it.
   */
  record Resources(long bandwidthBytes, long bandwidthFeeSun, long energyUnits, long energyFeeSun) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);
  }

  /**
   * The chain id the contracts see (CHAINID, part of every voucher's TIP-712 domain): the last 4
   * bytes of the genesis block id.
   */
  long chainId();

  /**
   * The node's head block, its number and timestamp, read without its transactions: the payer asks
   * for it before every voucher it signs.
   */
  ChainHead head();

  /** The number of the node's head block. */
  default long headBlockNumber() {
    return head().number();
  }

  /**
   * The event logs of the transactions in block {@code number}, in block order; empty for a block
   * the node does not have yet.
   */
  List<EventLog> blockLogs(long number);

  /** A constant call from {@code owner}; nothing is sent. */
  ViewResult view(TronAddress owner, TronAddress contract, CallData data);

  /**
   * Energy the call would use, by the node's estimate (a constant call where the node has no
   * estimateEnergy); {@code tokenValue} is TRC-10 sent along, if any. A call the contract would
   * revert is a {@link CallRejectedException}, as for {@link
   * TronGateway#estimateTrc20TransferEnergy}.
   */
  long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue);

  /**
   * Builds the TriggerSmartContract (with {@code tokenValue} as call_token_value/token_id when
   * present) and signs it with the key; nothing is sent, so the caller can store it first. A call
   * the node refuses to build is a {@link CallRejectedException}.
   */
  SignedTransaction signCall(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun);

  /**
   * Sends a signed transaction to the node; a duplicate of one it already has counts as accepted,
   * so a stored transaction can be sent again safely.
   */
  BroadcastResult broadcast(SignedTransaction tx);

  /** The call's receipt once it is in a block, succeeded or not; empty while it is in none. */
  Optional<CallOutcome> callOutcome(TxId txid);

  @Override
  void close();
}
