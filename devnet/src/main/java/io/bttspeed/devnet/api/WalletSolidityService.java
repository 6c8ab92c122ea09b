package io.bttspeed.devnet.api;

import io.bttspeed.devnet.node.TronNode;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import org.tron.trident.api.GrpcAPI.AccountAddressMessage;
import org.tron.trident.api.GrpcAPI.BlockReq;
import org.tron.trident.api.GrpcAPI.BytesMessage;
import org.tron.trident.api.GrpcAPI.EmptyMessage;
import org.tron.trident.api.GrpcAPI.NumberMessage;
import org.tron.trident.api.WalletSolidityGrpc;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.BlockExtention;
import org.tron.trident.proto.Response.EstimateEnergyMessage;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;
import org.tron.trident.proto.Response.TransactionInfoList;

/**
 * TRON's {@code protocol.WalletSolidity} service: the same lookups, but only as far as the
 * solidified block, so what it answers can no longer change.
 */
public final class WalletSolidityService extends WalletSolidityGrpc.WalletSolidityImplBase {
  private final TronNode node;
  private final ChainQueries queries;
  private final ContractRpcs contracts;

  public WalletSolidityService(TronNode node, Clock clock) {
    this.node = node;
    this.queries = new ChainQueries(node, true);
    this.contracts = new ContractRpcs(node, clock);
  }

  @Override
  public void triggerConstantContract(
      TriggerSmartContract request, StreamObserver<TransactionExtention> response) {
    WalletService.reply(response, contracts.triggerConstant(request));
  }

  @Override
  public void estimateEnergy(
      TriggerSmartContract request, StreamObserver<EstimateEnergyMessage> response) {
    WalletService.reply(response, contracts.estimate(request));
  }

  @Override
  public void getAccount(AccountAddressMessage request, StreamObserver<Account> response) {
    WalletService.reply(response, queries.account(request.getAddress()));
  }

  @Override
  public void getNowBlock(EmptyMessage request, StreamObserver<Block> response) {
    WalletService.reply(response, queries.nowBlock());
  }

  @Override
  public void getNowBlock2(EmptyMessage request, StreamObserver<BlockExtention> response) {
    WalletService.reply(response, ChainQueries.extention(queries.nowBlock()));
  }

  @Override
  public void getBlock(BlockReq request, StreamObserver<BlockExtention> response) {
    WalletService.reply(response, queries.block(request));
  }

  @Override
  public void getBlockByNum(NumberMessage request, StreamObserver<Block> response) {
    WalletService.reply(response, queries.blockByNumber(request.getNum()));
  }

  @Override
  public void getBlockByNum2(NumberMessage request, StreamObserver<BlockExtention> response) {
    WalletService.reply(response, ChainQueries.extention(queries.blockByNumber(request.getNum())));
  }

  @Override
  public void getTransactionById(BytesMessage request, StreamObserver<Transaction> response) {
    WalletService.reply(response, queries.transaction(request.getValue()));
  }

  @Override
  public void getTransactionInfoById(
      BytesMessage request, StreamObserver<TransactionInfo> response) {
    WalletService.reply(response, queries.transactionInfo(request.getValue()));
  }

  @Override
  public void getTransactionInfoByBlockNum(
      NumberMessage request, StreamObserver<TransactionInfoList> response) {
    WalletService.reply(response, queries.transactionInfos(request.getNum()));
  }

  @Override
  public void getAssetIssueById(BytesMessage request, StreamObserver<AssetIssueContract> response) {
    WalletService.reply(
        response,
        node.asset(request.getValue().toStringUtf8())
            .orElse(AssetIssueContract.getDefaultInstance()));
  }
}
