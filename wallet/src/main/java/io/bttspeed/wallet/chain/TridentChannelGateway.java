package io.bttspeed.wallet.chain;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.abi.RevertReason;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * {@link ChannelGateway} over Trident's gRPC stubs. The node builds the contract transaction (TaPoS
 * and expiration included); we set the fee limit, sign the txid with our own signer, broadcast, and
 * poll the transaction info until the call is in a block.
 */
public final class TridentChannelGateway implements ChannelGateway {

  private static final Duration POLL = Duration.ofMillis(20);

  private final ApiWrapper api;
  private final TransactionTimestamps timestamps = new TransactionTimestamps(java.time.Clock.systemUTC());

  private TridentChannelGateway(ApiWrapper api) {
    this.api = api;
  }

  /**
   * Connects like {@link TridentGateway#connect}; Trident's mandatory default key is a throw-away
   * one.
   */
  public static TridentChannelGateway connect(
      String fullNode, String solidityNode, Duration deadline) {
    return new TridentChannelGateway(
        new ApiWrapper(
            fullNode,
            solidityNode,
            KeyPair.generate().toPrivateKey(),
            Math.toIntExact(deadline.toMillis())));
  }

  @Override
  public long chainId() {
    byte[] id = genesisBlockId();
    return ((id[28] & 0xffL) << 24) | ((id[29] & 0xffL) << 16) | ((id[30] & 0xffL) << 8)
        | (id[31] & 0xffL);
  }

  /** The node's genesis block id (32 bytes), which says which chain it serves. */
  public byte[] genesisBlockId() {
    GrpcAPI.NumberMessage genesis = GrpcAPI.NumberMessage.newBuilder().setNum(0).build();
    Response.BlockExtention block =
        call("getBlockByNum2", () -> api.blockingStub.getBlockByNum2(genesis));
    byte[] id = block.getBlockid().toByteArray();
    if (id.length != 32) {
      throw new NodeUnavailableException(
          "the TRON node returned no genesis block id; is it a TRON full node?");
    }
    return id;
  }

  /**
   * GetBlock without detail leaves the transactions out (a mainnet block carries hundreds); a node
   * older than that call answers getNowBlock2 instead.
   */
  @Override
  public ChainHead head() {
    Response.BlockExtention block;
    try {
      block = api.blockingStub.getBlock(GrpcAPI.BlockReq.newBuilder().setDetail(false).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw unavailable("getBlock", e);
      }
      block =
          call(
              "getNowBlock2",
              () -> api.blockingStub.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    }
    Chain.BlockHeader.raw header = block.getBlockHeader().getRawData();
    return new ChainHead(header.getNumber(), header.getTimestamp());
  }

  @Override
  public List<EventLog> blockLogs(long number) {
    GrpcAPI.NumberMessage block = GrpcAPI.NumberMessage.newBuilder().setNum(number).build();
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum",
            () -> api.blockingStub.getTransactionInfoByBlockNum(block));
    List<EventLog> logs = new ArrayList<>();
    for (Response.TransactionInfo info : infos.getTransactionInfoList()) {
      for (Response.TransactionInfo.Log log : info.getLogList()) {
        byte[] address = log.getAddress().toByteArray();
        logs.add(
            new EventLog(
                // java-tron reports the 20-byte EVM form; accept the 21-byte TRON form as well.
                address.length == 21 ? EvmAddress.fromTron(address) : EvmAddress.of(address),
                log.getTopicsList().stream().map(ByteString::toByteArray).toList(),
                log.getData().toByteArray()));
      }
    }
    return logs;
  }

  @Override
  public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    Contract.TriggerSmartContract trigger = trigger(owner, contract, data, Optional.empty());
    Response.TransactionExtention ext =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    byte[] returned =
        ext.getConstantResultCount() == 0 ? new byte[0] : ext.getConstantResult(0).toByteArray();
    if (!ext.getResult().getResult() || !ext.getResult().getMessage().isEmpty()) {
      String reason =
          RevertReason.decode(returned).orElse(ext.getResult().getMessage().toStringUtf8());
      return new ViewResult.Reverted(reason);
    }
    return new ViewResult.Returned(returned);
  }

  @Override
  public long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    Contract.TriggerSmartContract trigger = trigger(owner, contract, data, tokenValue);
    try {
      Response.EstimateEnergyMessage estimate = api.blockingStub.estimateEnergy(trigger);
      if (estimate.getResult().getResult()) {
        return estimate.getEnergyRequired();
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw unavailable("estimateEnergy", e);
      }
    }
    // Nodes with estimateEnergy switched off still answer a constant call with the energy it used.
    Response.TransactionExtention ext =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    return ext.getEnergyUsed();
  }

  @Override
  public CallOutcome callAndWait(
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
          "",
          0,
          false,
          ext.getResult().getCode() + ": " + ext.getResult().getMessage().toStringUtf8(),
          new byte[0],
          0);
    }
    Chain.Transaction.raw raw =
        ext.getTransaction().getRawData().toBuilder()
            .setFeeLimit(feeLimitSun)
            // The node's timestamp repeats within a millisecond; two equal calls must stay two transactions.
            .setTimestamp(timestamps.next())
            .build();
    byte[] txid = Sha256.hash(raw.toByteArray());
    Chain.Transaction tx =
        Chain.Transaction.newBuilder()
            .setRawData(raw)
            .addSignature(ByteString.copyFrom(key.signDigest(txid)))
            .build();
    String txidHex = HexFormat.of().formatHex(txid);
    Response.TransactionReturn ret =
        call("broadcastTransaction", () -> api.blockingStub.broadcastTransaction(tx));
    boolean accepted =
        ret.getResult()
            || ret.getCode() == Response.TransactionReturn.response_code.SUCCESS
            || ret.getCode() == Response.TransactionReturn.response_code.DUP_TRANSACTION_ERROR;
    if (!accepted) {
      return new CallOutcome(
          txidHex,
          0,
          false,
          ret.getCode() + ": " + ret.getMessage().toStringUtf8(),
          new byte[0],
          0);
    }
    return awaitBlock(txidHex, txid, timeout);
  }

  private CallOutcome awaitBlock(String txidHex, byte[] txid, Duration timeout) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(txid)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Response.TransactionInfo info =
          call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
      if (!info.getId().isEmpty() && info.getBlockNumber() > 0) {
        return outcome(txidHex, info);
      }
      if (System.nanoTime() > deadline) {
        throw new NodeUnavailableException(
            "transaction "
                + txidHex
                + " was broadcast but is in no block after "
                + timeout.toSeconds()
                + " s; look it up later");
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private static CallOutcome outcome(String txid, Response.TransactionInfo info) {
    byte[] returned =
        info.getContractResultCount() == 0 ? new byte[0] : info.getContractResult(0).toByteArray();
    Chain.Transaction.Result.contractResult result = info.getReceipt().getResult();
    boolean succeeded =
        info.getResult() != Response.TransactionInfo.code.FAILED
            && (result == Chain.Transaction.Result.contractResult.SUCCESS
                || result == Chain.Transaction.Result.contractResult.DEFAULT);
    String reason = "";
    if (!succeeded) {
      reason =
          RevertReason.decode(returned)
              .orElseGet(() -> result.name() + ": " + info.getResMessage().toStringUtf8());
    }
    Response.ResourceReceipt receipt = info.getReceipt();
    return new CallOutcome(
        txid,
        info.getBlockNumber(),
        succeeded,
        reason,
        returned,
        info.getFee(),
        new Resources(
            receipt.getNetUsage(),
            receipt.getNetFee(),
            receipt.getEnergyUsageTotal(),
            receipt.getEnergyFee()));
  }

  @Override
  public void close() {
    api.close();
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

  private static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw unavailable(what, e);
    }
  }

  private static NodeUnavailableException unavailable(String what, StatusRuntimeException e) {
    return new NodeUnavailableException(
        "the TRON node did not answer "
            + what
            + " ("
            + e.getStatus().getCode()
            + "); try again later",
        e);
  }
}
