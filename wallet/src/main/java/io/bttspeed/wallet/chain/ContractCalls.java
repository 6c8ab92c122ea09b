package io.bttspeed.wallet.chain;

import static io.bttspeed.wallet.chain.NodeCalls.call;
import static io.bttspeed.wallet.chain.NodeCalls.unavailable;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.ChannelGateway.CallOutcome;
import io.bttspeed.wallet.chain.ChannelGateway.ViewResult;
import io.bttspeed.wallet.keys.TronKey;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * Calls to smart contracts: energy estimates, constant (view) calls, and calls the node builds
 * (TaPoS and expiration included) that we sign; the channel layer stores, broadcasts and awaits
 * them.
 */
final class ContractCalls {

  private final ApiWrapper api;
  private final TransactionTimestamps timestamps;

  ContractCalls(ApiWrapper api, TransactionTimestamps timestamps) {
    this.api = api;
    this.timestamps = timestamps;
  }

  long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    return estimate(contract, trigger(owner, contract, data, tokenValue));
  }

  /**
   * The node's estimate, or the energy a constant call used on nodes with estimateEnergy switched
   * off. A call the contract would revert is refused with the contract's reason, for transfers and
   * channels alike: a number for it would only price a transaction that burns its fee and does
   * nothing.
   */
  long estimate(TronAddress contract, Contract.TriggerSmartContract trigger) {
    try {
      Response.EstimateEnergyMessage estimate = api.blockingStub.estimateEnergy(trigger);
      if (estimate.getResult().getResult()) {
        return estimate.getEnergyRequired();
      }
      // Refused: the constant call below says why in the contract's words.
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw unavailable("estimateEnergy", e);
      }
    }
    Response.TransactionExtention tried =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    if (ContractReceipts.reverted(tried)) {
      throw new CallRejectedException(contract, ContractReceipts.revertReason(tried));
    }
    return tried.getEnergyUsed();
  }

  ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    Contract.TriggerSmartContract trigger = trigger(owner, contract, data, Optional.empty());
    Response.TransactionExtention tried =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    if (ContractReceipts.reverted(tried)) {
      return new ViewResult.Reverted(ContractReceipts.revertReason(tried), tried.getEnergyUsed());
    }
    return new ViewResult.Returned(ContractReceipts.returned(tried));
  }

  /**
   * The node builds the call (TaPoS and expiration); we set the fee limit and a timestamp of our
   * own and sign it. Nothing is sent. A call the node refuses to build is a {@link
   * CallRejectedException}.
   */
  SignedTransaction signCall(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun) {
    Contract.TriggerSmartContract trigger = trigger(key.address(), contract, data, tokenValue);
    Response.TransactionExtention ext =
        call("triggerContract", () -> api.blockingStub.triggerContract(trigger));
    if (!ext.getResult().getResult() || !ext.hasTransaction()) {
      throw new CallRejectedException(
          contract, ext.getResult().getCode() + ": " + ext.getResult().getMessage().toStringUtf8());
    }
    Chain.Transaction.raw raw =
        ext.getTransaction().getRawData().toBuilder()
            .setFeeLimit(feeLimitSun)
            // The node's timestamp repeats within a millisecond; two equal calls must stay two
            // transactions.
            .setTimestamp(timestamps.next())
            .build();
    byte[] txid = Sha256.hash(raw.toByteArray());
    Chain.Transaction tx =
        Chain.Transaction.newBuilder()
            .setRawData(raw)
            .addSignature(ByteString.copyFrom(key.signDigest(txid)))
            .build();
    return new SignedTransaction(
        TxId.of(txid), tx.toByteArray(), raw.getExpiration(), tx.getSerializedSize());
  }

  /** The call's receipt once it is in a block; empty while it is in none. */
  Optional<CallOutcome> outcome(TxId txId) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(txId.bytes())).build();
    Response.TransactionInfo info =
        call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
    if (!info.getId().isEmpty() && info.getBlockNumber() > 0) {
      return Optional.of(ContractReceipts.outcome(txId, info));
    }
    return Optional.empty();
  }

  private static Contract.TriggerSmartContract trigger(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    Contract.TriggerSmartContract.Builder b =
        Contract.TriggerSmartContract.newBuilder()
            .setOwnerAddress(ByteString.copyFrom(owner.toByteArray()))
            .setContractAddress(ByteString.copyFrom(contract.toByteArray()))
            .setData(ByteString.copyFrom(data.bytes()));
    tokenValue.ifPresent(
        v -> {
          if (!(v.asset() instanceof Asset.Trc10 trc10)) {
            throw new IllegalArgumentException(
                "only a TRC-10 token travels as call_token_value, not " + v);
          }
          b.setCallTokenValue(v.longValueExact()).setTokenId(trc10.tokenId());
        });
    return b.build();
  }
}
