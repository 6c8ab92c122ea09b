package io.bttspeed.wallet.chain;

import static io.bttspeed.wallet.chain.NodeCalls.call;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Asset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * Reads what blocks hold: transactions' outcomes, payments and event logs, from the full node or,
 * where only final blocks may count, from the solidity node.
 */
final class BlockReader {

  private final ApiWrapper api;

  BlockReader(ApiWrapper api) {
    this.api = api;
  }

  Optional<TransactionOutcome> outcome(TxId txid) {
    GrpcAPI.BytesMessage id =
        GrpcAPI.BytesMessage.newBuilder().setValue(ByteString.copyFrom(txid.bytes())).build();
    Response.TransactionInfo info =
        call("getTransactionInfoById", () -> api.blockingStub.getTransactionInfoById(id));
    if (info.getId().isEmpty() || info.getBlockNumber() <= 0) {
      return Optional.empty();
    }
    return Optional.of(outcomeOf(info));
  }

  Set<TxId> transactionsIn(long blockNumber) {
    Response.TransactionInfoList infos =
        call(
            "getTransactionInfoByBlockNum",
            () -> api.blockingStub.getTransactionInfoByBlockNum(number(blockNumber)));
    Set<TxId> ids = new HashSet<>();
    infos.getTransactionInfoList().forEach(info -> ids.add(TxId.of(info.getId().toByteArray())));
    return ids;
  }

  Map<TxId, TransactionOutcome> solidifiedOutcomes(long blockNumber) {
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

  List<ChainPayment> solidifiedPayments(long blockNumber, Set<Asset> assets) {
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

  long solidifiedBlockNumber() {
    Response.BlockExtention block =
        call(
            "getNowBlock (solidity)",
            () -> api.blockingStubSolidity.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    return block.getBlockHeader().getRawData().getNumber();
  }

  List<EventLog> blockLogs(long number) {
    return ContractReceipts.logs(
        call(
            "getTransactionInfoByBlockNum",
            () -> api.blockingStub.getTransactionInfoByBlockNum(number(number))));
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
}
