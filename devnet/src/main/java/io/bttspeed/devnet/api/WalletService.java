package io.bttspeed.devnet.api;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.node.TronNode;
import io.bttspeed.tron.address.TronAddress;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import org.tron.trident.api.GrpcAPI.AccountAddressMessage;
import org.tron.trident.api.GrpcAPI.BlockLimit;
import org.tron.trident.api.GrpcAPI.BlockReq;
import org.tron.trident.api.GrpcAPI.BytesMessage;
import org.tron.trident.api.GrpcAPI.EmptyMessage;
import org.tron.trident.api.GrpcAPI.NumberMessage;
import org.tron.trident.api.WalletGrpc;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.AccountNetMessage;
import org.tron.trident.proto.Response.AccountResourceMessage;
import org.tron.trident.proto.Response.AssetIssueList;
import org.tron.trident.proto.Response.BlockExtention;
import org.tron.trident.proto.Response.BlockListExtention;
import org.tron.trident.proto.Response.ChainParameters;
import org.tron.trident.proto.Response.EstimateEnergyMessage;
import org.tron.trident.proto.Response.SmartContractDataWrapper;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;
import org.tron.trident.proto.Response.TransactionInfoList;
import org.tron.trident.proto.Response.TransactionReturn;

/** TRON's full-node {@code protocol.Wallet} service, for the calls the devnet supports. */
public final class WalletService extends WalletGrpc.WalletImplBase {
  /** java-tron's limit on block ranges per call. */
  private static final long MAX_BLOCKS_PER_CALL = 100;

  /**
   * Mainnet's chain-wide bandwidth and energy totals, reported for clients that compute shares from
   * them.
   */
  private static final long TOTAL_NET_LIMIT = 43_200_000_000L;

  private static final long TOTAL_ENERGY_LIMIT = 180_000_000_000L;

  private final TronNode node;
  private final ChainQueries queries;
  private final ContractRpcs contracts;
  private final Runnable afterAccepted;

  /**
   * @param afterAccepted run after a transaction enters the pending pool (the instant block
   *     producer seals it there, so the caller's next query already finds it in a block)
   * @param clock stamps the transactions this service builds
   */
  public WalletService(TronNode node, Runnable afterAccepted, Clock clock) {
    this.node = node;
    this.queries = new ChainQueries(node, false);
    this.contracts = new ContractRpcs(node, clock);
    this.afterAccepted = afterAccepted;
  }

  @Override
  public void deployContract(
      CreateSmartContract request, StreamObserver<TransactionExtention> response) {
    reply(response, contracts.deploy(request));
  }

  @Override
  public void triggerContract(
      TriggerSmartContract request, StreamObserver<TransactionExtention> response) {
    reply(response, contracts.trigger(request));
  }

  @Override
  public void triggerConstantContract(
      TriggerSmartContract request, StreamObserver<TransactionExtention> response) {
    reply(response, contracts.triggerConstant(request));
  }

  @Override
  public void estimateEnergy(
      TriggerSmartContract request, StreamObserver<EstimateEnergyMessage> response) {
    reply(response, contracts.estimate(request));
  }

  @Override
  public void getContract(BytesMessage request, StreamObserver<SmartContract> response) {
    reply(response, contracts.contract(request.getValue()));
  }

  @Override
  public void getContractInfo(
      BytesMessage request, StreamObserver<SmartContractDataWrapper> response) {
    reply(response, contracts.contractInfo(request.getValue()));
  }

  @Override
  public void broadcastTransaction(
      Transaction request, StreamObserver<TransactionReturn> response) {
    TransactionReturn result = node.broadcast(request);
    if (result.getResult()) {
      afterAccepted.run();
    }
    reply(response, result);
  }

  @Override
  public void getAccount(AccountAddressMessage request, StreamObserver<Account> response) {
    reply(response, queries.account(request.getAddress()));
  }

  @Override
  public void getAccountResource(
      AccountAddressMessage request, StreamObserver<AccountResourceMessage> response) {
    Account account = queries.account(request.getAddress());
    reply(
        response,
        AccountResourceMessage.newBuilder()
            .setFreeNetUsed(account.hasOwnerPermission() ? node.freeNetUsed(account) : 0)
            .setFreeNetLimit(node.parameters().freeNetLimit())
            .setTotalNetLimit(TOTAL_NET_LIMIT)
            .setTotalEnergyLimit(TOTAL_ENERGY_LIMIT)
            .build());
  }

  @Override
  public void getAccountNet(
      AccountAddressMessage request, StreamObserver<AccountNetMessage> response) {
    Account account = queries.account(request.getAddress());
    reply(
        response,
        AccountNetMessage.newBuilder()
            .setFreeNetUsed(account.hasOwnerPermission() ? node.freeNetUsed(account) : 0)
            .setFreeNetLimit(node.parameters().freeNetLimit())
            .setTotalNetLimit(TOTAL_NET_LIMIT)
            .build());
  }

  @Override
  public void getNowBlock(EmptyMessage request, StreamObserver<Block> response) {
    reply(response, queries.nowBlock());
  }

  @Override
  public void getNowBlock2(EmptyMessage request, StreamObserver<BlockExtention> response) {
    reply(response, ChainQueries.extention(queries.nowBlock()));
  }

  @Override
  public void getBlock(BlockReq request, StreamObserver<BlockExtention> response) {
    reply(response, queries.block(request));
  }

  @Override
  public void getBlockByNum(NumberMessage request, StreamObserver<Block> response) {
    reply(response, queries.blockByNumber(request.getNum()));
  }

  @Override
  public void getBlockByNum2(NumberMessage request, StreamObserver<BlockExtention> response) {
    reply(response, ChainQueries.extention(queries.blockByNumber(request.getNum())));
  }

  @Override
  public void getBlockById(BytesMessage request, StreamObserver<Block> response) {
    reply(response, queries.blockById(request.getValue()));
  }

  @Override
  public void getBlockByLimitNext2(
      BlockLimit request, StreamObserver<BlockListExtention> response) {
    BlockListExtention.Builder blocks = BlockListExtention.newBuilder();
    long end = Math.min(request.getEndNum(), request.getStartNum() + MAX_BLOCKS_PER_CALL);
    for (long number = Math.max(0, request.getStartNum()); number < end; number++) {
      Block block = queries.blockByNumber(number);
      if (!block.hasBlockHeader()) {
        break;
      }
      blocks.addBlock(ChainQueries.extention(block));
    }
    reply(response, blocks.build());
  }

  @Override
  public void getBlockByLatestNum2(
      NumberMessage request, StreamObserver<BlockListExtention> response) {
    BlockListExtention.Builder blocks = BlockListExtention.newBuilder();
    if (request.getNum() > 0 && request.getNum() < MAX_BLOCKS_PER_CALL) {
      long head = node.headNumber();
      for (long number = Math.max(0, head - request.getNum() + 1); number <= head; number++) {
        blocks.addBlock(ChainQueries.extention(queries.blockByNumber(number)));
      }
    }
    reply(response, blocks.build());
  }

  @Override
  public void getTransactionById(BytesMessage request, StreamObserver<Transaction> response) {
    reply(response, queries.transaction(request.getValue()));
  }

  @Override
  public void getTransactionInfoById(
      BytesMessage request, StreamObserver<TransactionInfo> response) {
    reply(response, queries.transactionInfo(request.getValue()));
  }

  @Override
  public void getTransactionInfoByBlockNum(
      NumberMessage request, StreamObserver<TransactionInfoList> response) {
    reply(response, queries.transactionInfos(request.getNum()));
  }

  @Override
  public void getChainParameters(EmptyMessage request, StreamObserver<ChainParameters> response) {
    reply(response, node.parameters().toProto());
  }

  @Override
  public void getAssetIssueById(BytesMessage request, StreamObserver<AssetIssueContract> response) {
    reply(
        response,
        node.asset(request.getValue().toStringUtf8())
            .orElse(AssetIssueContract.getDefaultInstance()));
  }

  @Override
  public void getAssetIssueByName(
      BytesMessage request, StreamObserver<AssetIssueContract> response) {
    reply(
        response,
        node.assetByName(request.getValue().toStringUtf8())
            .orElse(AssetIssueContract.getDefaultInstance()));
  }

  @Override
  public void getAssetIssueByAccount(
      AccountAddressMessage request, StreamObserver<AssetIssueList> response) {
    AssetIssueList.Builder list = AssetIssueList.newBuilder();
    Account account = queries.account(request.getAddress());
    ByteString issued = account.getAssetIssuedID();
    if (!issued.isEmpty() && TronAddress.isValid(request.getAddress().toByteArray())) {
      node.asset(issued.toStringUtf8()).ifPresent(list::addAssets);
    }
    reply(response, list.build());
  }

  static <T> void reply(StreamObserver<T> response, T value) {
    response.onNext(value);
    response.onCompleted();
  }
}
