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
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * Calls to smart contracts: energy estimates, constant (view) calls, and calls the node builds
 * (TaPoS and expiration included) that we sign, broadcast and then poll until they are in a block.
 */
final class ContractCalls {

  private static final Duration POLL = Duration.ofMillis(20);

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

  CallOutcome callAndWait(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun,
      Duration timeout) {
    Contract.TriggerSmartContract trigger = trigger(key.address(), contract, data, tokenValue);
    Response.TransactionExtention ext =
        call("triggerContract", () -> api.blockingStub.triggerContract(trigger));
    if (!ext.getResult().getResult() || !ext.hasTransaction()) {
      return new CallOutcome(
          Optional.empty(),
          0,
          false,
          ext.getResult().getCode() + ": " + ext.getResult().getMessage().toStringUtf8(),
          new byte[0],
          0);
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
    TxId txId = TxId.of(txid);
    Response.TransactionReturn ret =
        call("broadcastTransaction", () -> api.blockingStub.broadcastTransaction(tx));
    boolean accepted =
        ret.getResult()
            || ret.getCode() == Response.TransactionReturn.response_code.SUCCESS
            || ret.getCode() == Response.TransactionReturn.response_code.DUP_TRANSACTION_ERROR;
    if (!accepted) {
      return new CallOutcome(
          Optional.of(txId),
          0,
          false,
          ret.getCode() + ": " + ret.getMessage().toStringUtf8(),
          new byte[0],
          0);
    }
    return awaitBlock(txId, timeout);
  }

  private CallOutcome awaitBlock(TxId txId, Duration timeout) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(txId.bytes())).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Response.TransactionInfo info =
          call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
      if (!info.getId().isEmpty() && info.getBlockNumber() > 0) {
        return ContractReceipts.outcome(txId, info);
      }
      if (System.nanoTime() > deadline) {
        throw new NodeUnavailableException(
            "transaction "
                + txId
                + " was broadcast but is in no block after "
                + timeout.toSeconds()
                + " s; look it up later");
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
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
