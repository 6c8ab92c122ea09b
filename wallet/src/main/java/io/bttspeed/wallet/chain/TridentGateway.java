package io.bttspeed.wallet.chain;

import static io.bttspeed.wallet.chain.NodeCalls.await;
import static io.bttspeed.wallet.chain.NodeCalls.call;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>The parts live in package-private collaborators sharing this one connection: {@link
 * ReferenceBlocks} (the cached TaPoS block and the head), {@link BlockReader} (outcomes, payments
 * and logs of blocks) and {@link ContractCalls} (estimates, views and calls awaited in a block).
 */
public final class TridentGateway implements TronGateway, ChannelGateway {

  private static final Duration EXPIRATION = Duration.ofSeconds(60);

  private final ApiWrapper api;
  private final WalletGrpc.WalletFutureStub futures;
  private final TransactionTimestamps timestamps;
  private final ReferenceBlocks refBlocks;
  private final BlockReader blocks;
  private final ContractCalls contracts;

  private TridentGateway(ApiWrapper api, Clock clock) {
    this.api = api;
    this.futures = WalletGrpc.newFutureStub(api.channel);
    // One sequence for transfers and contract calls alike: no two transactions share a timestamp.
    this.timestamps = new TransactionTimestamps(clock);
    this.refBlocks = new ReferenceBlocks(api, clock);
    this.blocks = new BlockReader(api);
    this.contracts = new ContractCalls(api, timestamps);
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
    return contracts.estimate(
        token, TransferTransactions.trigger(from, token, Trc20Abi.transfer(to, amount)));
  }

  @Override
  public long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    return contracts.estimateEnergy(owner, contract, data, tokenValue);
  }

  @Override
  public TransactionDraft draft(TransferIntent intent) {
    ReferenceBlocks.RefBlock ref = refBlocks.cached();
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
    return blocks.outcome(txid);
  }

  @Override
  public Set<TxId> transactionsIn(long blockNumber) {
    return blocks.transactionsIn(blockNumber);
  }

  @Override
  public Map<TxId, TransactionOutcome> solidifiedOutcomes(long blockNumber) {
    return blocks.solidifiedOutcomes(blockNumber);
  }

  @Override
  public List<ChainPayment> solidifiedPayments(long blockNumber, Set<Asset> assets) {
    return blocks.solidifiedPayments(blockNumber, assets);
  }

  @Override
  public long solidifiedBlockNumber() {
    return blocks.solidifiedBlockNumber();
  }

  @Override
  public ChainHead head() {
    ReferenceBlocks.RefBlock ref = refBlocks.fresh();
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
    return blocks.blockLogs(number);
  }

  @Override
  public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    return contracts.view(owner, contract, data);
  }

  @Override
  public SignedTransaction signCall(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun) {
    return contracts.signCall(key, contract, data, tokenValue, feeLimitSun);
  }

  @Override
  public Optional<CallOutcome> callOutcome(TxId txid) {
    return contracts.outcome(txid);
  }

  @Override
  public void close() {
    api.close();
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
