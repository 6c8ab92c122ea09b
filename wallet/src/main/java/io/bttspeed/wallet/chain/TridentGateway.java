package io.bttspeed.wallet.chain;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.api.WalletGrpc;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * {@link TronGateway} over Trident's {@link ApiWrapper} and its gRPC stubs. Transactions are built here
 * (TaPoS from a cached recent block) and signed with our own signer, so a send costs one node round trip
 * (the broadcast) and Trident's slow signer stays off the hot path. Expiration is the head block's time plus
 * 60 s, as Trident sets it: java-tron accepts only (head, head + 24 h], judged by chain time, not our clock.
 */
public final class TridentGateway implements TronGateway {

  private static final Duration EXPIRATION = Duration.ofSeconds(60);
  private static final Duration REF_BLOCK_MAX_AGE = Duration.ofSeconds(3);

  private final ApiWrapper api;
  private final WalletGrpc.WalletFutureStub futures;
  private final Clock clock;
  private final TransactionTimestamps timestamps;
  private final Object refLock = new Object();
  private RefBlock refBlock;

  private record RefBlock(long number, byte[] id, long timestampMs, long fetchedAtMs) {}

  private TridentGateway(ApiWrapper api, Clock clock) {
    this.api = api;
    this.futures = WalletGrpc.newFutureStub(api.channel);
    this.clock = clock;
    this.timestamps = new TransactionTimestamps(clock);
  }

  /**
   * Connects to a full node and a solidity node ({@code host:port}); each call fails after the deadline.
   * Trident insists on a default key; it gets a throw-away one because every transaction is signed here.
   */
  public static TridentGateway connect(String fullNode, String solidityNode, Duration deadline, Clock clock) {
    String throwAwayKey = KeyPair.generate().toPrivateKey();
    return new TridentGateway(
        new ApiWrapper(fullNode, solidityNode, throwAwayKey, Math.toIntExact(deadline.toMillis())), clock);
  }

  /** Both reads are issued at once, so the balance check costs one round trip to the node, not two. */
  @Override
  public AccountState account(TronAddress address) {
    GrpcAPI.AccountAddressMessage req = addressMessage(address);
    ListenableFuture<Response.AccountResourceMessage> resources = futures.getAccountResource(req);
    Response.Account account = call("getAccount", () -> api.blockingStub.getAccount(req));
    if (account.getAddress().isEmpty()) {
      resources.cancel(false);
      return new AccountState(false, 0, Map.of(), 0);
    }
    Response.AccountResourceMessage res = await("getAccountResource", resources);
    Map<Long, Long> tokens = new HashMap<>();
    account.getAssetV2Map().forEach((id, units) -> parseTokenId(id).ifPresent(k -> tokens.put(k, units)));
    long free =
        Math.max(0, res.getFreeNetLimit() - res.getFreeNetUsed())
            + Math.max(0, res.getNetLimit() - res.getNetUsed());
    return new AccountState(true, account.getBalance(), tokens, free);
  }

  @Override
  public BigInteger trc20Balance(TronAddress token, TronAddress owner) {
    Contract.TriggerSmartContract trigger = TransferTransactions.trigger(owner, token, Trc20Abi.balanceOf(owner));
    Response.TransactionExtention ext =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    if (!ext.getResult().getResult() || ext.getConstantResultCount() == 0) {
      throw new FailedPreconditionException(
          "cannot read balanceOf on " + token + " (is it a TRC-20 contract?): "
              + ext.getResult().getMessage().toStringUtf8());
    }
    return new BigInteger(1, ext.getConstantResult(0).toByteArray());
  }

  @Override
  public ChainFees fees() {
    Response.ChainParameters params =
        call("getChainParameters", () -> api.blockingStub.getChainParameters(GrpcAPI.EmptyMessage.getDefaultInstance()));
    Map<String, Long> byKey = new HashMap<>();
    params.getChainParameterList().forEach(p -> byKey.put(p.getKey(), p.getValue()));
    return new ChainFees(
        required(byKey, "getTransactionFee"),
        required(byKey, "getEnergyFee"),
        required(byKey, "getCreateAccountFee"),
        required(byKey, "getCreateNewAccountFeeInSystemContract"),
        byKey.getOrDefault("getMemoFee", 0L));
  }

  @Override
  public long estimateTrc20TransferEnergy(TronAddress from, TronAddress token, TronAddress to, BigInteger amount) {
    Contract.TriggerSmartContract trigger = TransferTransactions.trigger(from, token, Trc20Abi.transfer(to, amount));
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
    if (!ext.getResult().getResult()) {
      throw new FailedPreconditionException(
          "the token contract " + token + " would reject this transfer: "
              + ext.getResult().getMessage().toStringUtf8());
    }
    return ext.getEnergyUsed();
  }

  @Override
  public TransactionDraft draft(TransferIntent intent) {
    RefBlock ref = refBlock();
    return TransferTransactions.draft(
        intent, ref.number(), ref.id(), ref.timestampMs() + EXPIRATION.toMillis(), timestamps.next());
  }

  @Override
  public SignedTransaction sign(TransactionDraft draft, TronKey key) {
    return TransferTransactions.sign(draft, key);
  }

  @Override
  public long bandwidthBytes(TransferIntent intent) {
    return TransferTransactions.bandwidthBytes(intent);
  }

  @Override
  public BroadcastResult broadcast(SignedTransaction signed) {
    Chain.Transaction tx;
    try {
      tx = Chain.Transaction.parseFrom(signed.serialized());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored signed transaction no longer parses", e);
    }
    Response.TransactionReturn ret = call("broadcastTransaction", () -> api.blockingStub.broadcastTransaction(tx));
    if (ret.getResult() || ret.getCode() == Response.TransactionReturn.response_code.SUCCESS) {
      return new BroadcastResult.Accepted();
    }
    String message = ret.getMessage().toStringUtf8();
    switch (ret.getCode()) {
      case DUP_TRANSACTION_ERROR:
        return new BroadcastResult.Accepted();
      case SERVER_BUSY:
      case NO_CONNECTION:
      case NOT_ENOUGH_EFFECTIVE_CONNECTION:
      case BLOCK_UNSOLIDIFIED:
        throw new NodeUnavailableException(
            "the TRON node is busy (" + ret.getCode() + ": " + message + "); the transfer is recorded and will"
                + " be retried");
      default:
        return new BroadcastResult.Rejected(ret.getCode().name(), message);
    }
  }

  @Override
  public Optional<TransactionOutcome> outcome(String txid) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(HexFormat.of().parseHex(txid))).build();
    Response.TransactionInfo info = call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
    if (info.getId().isEmpty() || info.getBlockNumber() <= 0) {
      return Optional.empty();
    }
    return Optional.of(outcomeOf(info));
  }

  @Override
  public Set<String> transactionsIn(long blockNumber) {
    Response.TransactionInfoList infos =
        call("getTransactionInfoByBlockNum", () -> api.blockingStub.getTransactionInfoByBlockNum(number(blockNumber)));
    Set<String> ids = new HashSet<>();
    infos.getTransactionInfoList().forEach(info -> ids.add(HexFormat.of().formatHex(info.getId().toByteArray())));
    return ids;
  }

  @Override
  public Map<String, TransactionOutcome> solidifiedOutcomes(long blockNumber) {
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum (solidity)",
            () -> api.blockingStubSolidity.getTransactionInfoByBlockNum(number(blockNumber)));
    Map<String, TransactionOutcome> outcomes = new HashMap<>();
    infos.getTransactionInfoList().forEach(
        info -> outcomes.put(HexFormat.of().formatHex(info.getId().toByteArray()), outcomeOf(info)));
    return outcomes;
  }

  @Override
  public List<ChainPayment> solidifiedPayments(long blockNumber, Set<Asset> assets) {
    Response.BlockExtention block =
        call("getBlockByNum2 (solidity)", () -> api.blockingStubSolidity.getBlockByNum2(number(blockNumber)));
    if (block.getTransactionsCount() == 0) {
      return List.of();
    }
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum (solidity)",
            () -> api.blockingStubSolidity.getTransactionInfoByBlockNum(number(blockNumber)));
    return BlockPayments.of(block, infos, assets);
  }

  private static TransactionOutcome outcomeOf(Response.TransactionInfo info) {
    boolean failed = info.getResult() == Response.TransactionInfo.code.FAILED;
    Chain.Transaction.Result.contractResult contractResult = info.getReceipt().getResult();
    boolean reverted =
        contractResult != Chain.Transaction.Result.contractResult.DEFAULT
            && contractResult != Chain.Transaction.Result.contractResult.SUCCESS
            && contractResult != Chain.Transaction.Result.contractResult.UNRECOGNIZED;
    String reason = "";
    if (failed || reverted) {
      String message = info.getResMessage().toStringUtf8();
      reason = reverted ? contractResult.name() + (message.isEmpty() ? "" : ": " + message) : message;
    }
    return new TransactionOutcome(info.getBlockNumber(), !(failed || reverted), reason, info.getFee());
  }

  private static GrpcAPI.NumberMessage number(long blockNumber) {
    return GrpcAPI.NumberMessage.newBuilder().setNum(blockNumber).build();
  }

  @Override
  public long solidifiedBlockNumber() {
    Response.BlockExtention block =
        call("getNowBlock (solidity)", () -> api.blockingStubSolidity.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    return block.getBlockHeader().getRawData().getNumber();
  }

  @Override
  public ChainHead head() {
    RefBlock ref = refBlock(true);
    return new ChainHead(ref.number(), ref.timestampMs());
  }

  @Override
  public void close() {
    api.close();
  }

  private RefBlock refBlock() {
    return refBlock(false);
  }

  private RefBlock refBlock(boolean fresh) {
    synchronized (refLock) {
      long now = clock.millis();
      if (fresh || refBlock == null || now - refBlock.fetchedAtMs() > REF_BLOCK_MAX_AGE.toMillis()) {
        Response.BlockExtention head =
            call("getNowBlock", () -> api.blockingStub.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
        Chain.BlockHeader.raw header = head.getBlockHeader().getRawData();
        refBlock = new RefBlock(header.getNumber(), head.getBlockid().toByteArray(), header.getTimestamp(), now);
      }
      return refBlock;
    }
  }

  private static GrpcAPI.AccountAddressMessage addressMessage(TronAddress address) {
    return GrpcAPI.AccountAddressMessage.newBuilder().setAddress(ByteString.copyFrom(address.toByteArray())).build();
  }

  private static Optional<Long> parseTokenId(String id) {
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long required(Map<String, Long> params, String key) {
    Long value = params.get(key);
    if (value == null) {
      throw new NodeUnavailableException("the node's chain parameters lack " + key);
    }
    return value;
  }

  private static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw unavailable(what, e);
    }
  }

  private static <T> T await(String what, ListenableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException sre) {
        throw unavailable(what, sre);
      }
      throw new NodeUnavailableException("the TRON node call " + what + " failed; try again later", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnavailableException("interrupted while waiting for the TRON node (" + what + ")", e);
    }
  }

  private static NodeUnavailableException unavailable(String what, StatusRuntimeException e) {
    return new NodeUnavailableException(
        "the TRON node did not answer " + what + " (" + e.getStatus().getCode() + "); try again later", e);
  }
}
