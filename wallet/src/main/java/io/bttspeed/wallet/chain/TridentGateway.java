package io.bttspeed.wallet.chain;

import static io.bttspeed.wallet.chain.NodeCalls.await;
import static io.bttspeed.wallet.chain.NodeCalls.call;
import static io.bttspeed.wallet.chain.NodeCalls.unavailable;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.api.WalletGrpc;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * The wallet's one adapter to a TRON node: one Trident {@link ApiWrapper} (one connection to the
 * full node and one to the solidity node) behind the narrow interfaces its consumers own, {@link
 * TronGateway} for transfers and {@link ChannelGateway} for channels, with one behaviour for what
 * both need: the head block, energy estimates (a call the contract would revert is a {@link
 * CallRejectedException}) and transaction timestamps.
 *
 * <p>Transfers are built here (TaPoS from a cached recent block) and signed with our own signer, so
 * a send costs one node round trip (the broadcast) and Trident's slow signer stays off the hot
 * path. Expiration is the head block's time plus 60 s, as Trident sets it: java-tron accepts only
 * (head, head + 24 h], judged by chain time, not our clock. Contract calls are built by the node
 * (TaPoS and expiration included); we set the fee limit and timestamp, sign the txid, broadcast,
 * and poll the transaction info until the call is in a block.
 */
public final class TridentGateway implements TronGateway, ChannelGateway {

  private static final Duration EXPIRATION = Duration.ofSeconds(60);
  private static final Duration REF_BLOCK_MAX_AGE = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(20);

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
   * Connects to a full node and a solidity node ({@code host:port}); each call fails after the
   * deadline. Trident insists on a default key; it gets a throw-away one because every transaction
   * is signed here.
   */
  public static TridentGateway connect(
      String fullNode, String solidityNode, Duration deadline, Clock clock) {
    String throwAwayKey = KeyPair.generate().toPrivateKey();
    return new TridentGateway(
        new ApiWrapper(fullNode, solidityNode, throwAwayKey, Math.toIntExact(deadline.toMillis())),
        clock);
  }

  /**
   * Both reads are issued at once, so the balance check costs one round trip to the node, not two.
   */
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
    account
        .getAssetV2Map()
        .forEach((id, units) -> parseTokenId(id).ifPresent(k -> tokens.put(k, units)));
    long free =
        Math.max(0, res.getFreeNetLimit() - res.getFreeNetUsed())
            + Math.max(0, res.getNetLimit() - res.getNetUsed());
    return new AccountState(true, account.getBalance(), tokens, free);
  }

  @Override
  public BigInteger trc20Balance(TronAddress token, TronAddress owner) {
    Contract.TriggerSmartContract trigger =
        TransferTransactions.trigger(owner, token, Trc20Abi.balanceOf(owner));
    Response.TransactionExtention ext =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    if (!ext.getResult().getResult() || ext.getConstantResultCount() == 0) {
      throw new FailedPreconditionException(
          "cannot read balanceOf on "
              + token
              + " (is it a TRC-20 contract?): "
              + ext.getResult().getMessage().toStringUtf8());
    }
    return new BigInteger(1, ext.getConstantResult(0).toByteArray());
  }

  @Override
  public ChainFees fees() {
    Response.ChainParameters params =
        call(
            "getChainParameters",
            () -> api.blockingStub.getChainParameters(GrpcAPI.EmptyMessage.getDefaultInstance()));
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
  public long estimateTrc20TransferEnergy(
      TronAddress from, TronAddress token, TronAddress to, BigInteger amount) {
    return estimate(
        token, TransferTransactions.trigger(from, token, Trc20Abi.transfer(to, amount)));
  }

  @Override
  public long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    return estimate(contract, trigger(owner, contract, data, tokenValue));
  }

  /**
   * The node's estimate, or the energy a constant call used on nodes with estimateEnergy switched
   * off. A call the contract would revert is refused with the contract's reason, for transfers and
   * channels alike: a number for it would only price a transaction that burns its fee and does
   * nothing.
   */
  private long estimate(TronAddress contract, Contract.TriggerSmartContract trigger) {
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

  @Override
  public TransactionDraft draft(TransferIntent intent) {
    RefBlock ref = refBlock();
    return TransferTransactions.draft(
        intent,
        ref.number(),
        ref.id(),
        ref.timestampMs() + EXPIRATION.toMillis(),
        timestamps.next());
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
    Response.TransactionReturn ret =
        call("broadcastTransaction", () -> api.blockingStub.broadcastTransaction(tx));
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
            "the TRON node is busy ("
                + ret.getCode()
                + ": "
                + message
                + "); the transfer is recorded and will"
                + " be retried");
      default:
        return new BroadcastResult.Rejected(ret.getCode().name(), message);
    }
  }

  @Override
  public Optional<TransactionOutcome> outcome(TxId txid) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(txid.bytes())).build();
    Response.TransactionInfo info =
        call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
    if (info.getId().isEmpty() || info.getBlockNumber() <= 0) {
      return Optional.empty();
    }
    return Optional.of(outcomeOf(info));
  }

  @Override
  public Set<TxId> transactionsIn(long blockNumber) {
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum",
            () -> api.blockingStub.getTransactionInfoByBlockNum(number(blockNumber)));
    Set<TxId> ids = new HashSet<>();
    infos.getTransactionInfoList().forEach(info -> ids.add(TxId.of(info.getId().toByteArray())));
    return ids;
  }

  @Override
  public Map<TxId, TransactionOutcome> solidifiedOutcomes(long blockNumber) {
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum (solidity)",
            () -> api.blockingStubSolidity.getTransactionInfoByBlockNum(number(blockNumber)));
    Map<TxId, TransactionOutcome> outcomes = new HashMap<>();
    infos
        .getTransactionInfoList()
        .forEach(info -> outcomes.put(TxId.of(info.getId().toByteArray()), outcomeOf(info)));
    return outcomes;
  }

  @Override
  public List<ChainPayment> solidifiedPayments(long blockNumber, Set<Asset> assets) {
    Response.BlockExtention block =
        call(
            "getBlockByNum2 (solidity)",
            () -> api.blockingStubSolidity.getBlockByNum2(number(blockNumber)));
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
      reason =
          reverted ? contractResult.name() + (message.isEmpty() ? "" : ": " + message) : message;
    }
    return new TransactionOutcome(
        info.getBlockNumber(), !(failed || reverted), reason, info.getFee());
  }

  private static GrpcAPI.NumberMessage number(long blockNumber) {
    return GrpcAPI.NumberMessage.newBuilder().setNum(blockNumber).build();
  }

  @Override
  public long solidifiedBlockNumber() {
    Response.BlockExtention block =
        call(
            "getNowBlock (solidity)",
            () -> api.blockingStubSolidity.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    return block.getBlockHeader().getRawData().getNumber();
  }

  @Override
  public ChainHead head() {
    RefBlock ref = refBlock(true);
    return new ChainHead(ref.number(), ref.timestampMs());
  }

  // ---- contract calls (ChannelGateway) ----

  @Override
  public long chainId() {
    byte[] id = genesisBlockId();
    return ((id[28] & 0xffL) << 24)
        | ((id[29] & 0xffL) << 16)
        | ((id[30] & 0xffL) << 8)
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

  @Override
  public List<EventLog> blockLogs(long number) {
    return ContractReceipts.logs(
        call(
            "getTransactionInfoByBlockNum",
            () -> api.blockingStub.getTransactionInfoByBlockNum(number(number))));
  }

  @Override
  public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    Contract.TriggerSmartContract trigger = trigger(owner, contract, data, Optional.empty());
    Response.TransactionExtention tried =
        call("triggerConstantContract", () -> api.blockingStub.triggerConstantContract(trigger));
    if (ContractReceipts.reverted(tried)) {
      return new ViewResult.Reverted(ContractReceipts.revertReason(tried), tried.getEnergyUsed());
    }
    return new ViewResult.Returned(ContractReceipts.returned(tried));
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

  @Override
  public void close() {
    api.close();
  }

  private RefBlock refBlock() {
    return refBlock(false);
  }

  /**
   * The cached reference block, or a fresh read of the head. A fresh read is made outside the lock:
   * payers ask for the head before every voucher and must not queue behind one another's round
   * trips.
   */
  private RefBlock refBlock(boolean fresh) {
    if (fresh) {
      RefBlock read = readHead();
      synchronized (refLock) {
        refBlock = read;
      }
      return read;
    }
    synchronized (refLock) {
      if (refBlock == null
          || clock.millis() - refBlock.fetchedAtMs() > REF_BLOCK_MAX_AGE.toMillis()) {
        refBlock = readHead();
      }
      return refBlock;
    }
  }

  private RefBlock readHead() {
    Response.BlockExtention head = headBlock();
    Chain.BlockHeader.raw header = head.getBlockHeader().getRawData();
    return new RefBlock(
        header.getNumber(), head.getBlockid().toByteArray(), header.getTimestamp(), clock.millis());
  }

  /**
   * GetBlock without detail leaves the transactions out (a mainnet block carries hundreds); a node
   * older than that call answers getNowBlock2 instead.
   */
  private Response.BlockExtention headBlock() {
    try {
      return api.blockingStub.getBlock(GrpcAPI.BlockReq.newBuilder().setDetail(false).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw unavailable("getBlock", e);
      }
      return call(
          "getNowBlock2",
          () -> api.blockingStub.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    }
  }

  private static GrpcAPI.AccountAddressMessage addressMessage(TronAddress address) {
    return GrpcAPI.AccountAddressMessage.newBuilder()
        .setAddress(ByteString.copyFrom(address.toByteArray()))
        .build();
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
}
