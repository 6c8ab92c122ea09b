package io.bttspeed.devnet.node;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.chain.Receipt;
import io.bttspeed.devnet.chain.TransactionProcessor;
import io.bttspeed.devnet.chain.contract.VmReceipt;
import java.util.ArrayList;
import java.util.List;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.ResourceReceipt;
import org.tron.trident.proto.Response.TransactionInfo;

/** How a processed transaction is recorded: its result in the block, and its TransactionInfo. */
final class TransactionRecords {
  private TransactionRecords() {}

  /** The transaction as it goes into a block, with java-tron's result entry. */
  static Transaction withResult(TransactionProcessor.Applied applied) {
    Receipt receipt = applied.receipt();
    Transaction.Result.Builder result =
        Transaction.Result.newBuilder()
            .setContractRet(
                receipt
                    .vm()
                    .map(VmReceipt::result)
                    .orElse(Transaction.Result.contractResult.SUCCESS));
    if (receipt.contractFee() > 0) {
      result.setFee(receipt.contractFee());
    }
    if (!receipt.assetIssueId().isEmpty()) {
      result.setAssetIssueID(receipt.assetIssueId());
    }
    return applied.prepared().transaction().toBuilder().clearRet().addRet(result).build();
  }

  /** The sealed transactions as they go into their block, in order. */
  static List<Transaction> withResults(List<TransactionProcessor.Applied> sealed) {
    List<Transaction> transactions = new ArrayList<>(sealed.size());
    for (TransactionProcessor.Applied applied : sealed) {
      transactions.add(withResult(applied));
    }
    return transactions;
  }

  /** The infos of a block's transactions, in order. */
  static List<TransactionInfo> infos(
      List<TransactionProcessor.Applied> sealed, long blockNumber, long timestamp) {
    List<TransactionInfo> infos = new ArrayList<>(sealed.size());
    for (TransactionProcessor.Applied applied : sealed) {
      infos.add(info(applied, blockNumber, timestamp));
    }
    return infos;
  }

  static TransactionInfo info(
      TransactionProcessor.Applied applied, long blockNumber, long timestamp) {
    Receipt receipt = applied.receipt();
    ResourceReceipt.Builder resources =
        ResourceReceipt.newBuilder().setNetUsage(receipt.netUsage()).setNetFee(receipt.netFee());
    TransactionInfo.Builder info =
        TransactionInfo.newBuilder()
            .setId(applied.prepared().txId().toByteString())
            .setFee(receipt.fee())
            .setBlockNumber(blockNumber)
            .setBlockTimeStamp(timestamp);
    if (receipt.vm().isPresent()) {
      VmReceipt vm = receipt.vm().get();
      resources
          .setEnergyUsageTotal(vm.energyUsed())
          .setEnergyFee(vm.energyFeeSun())
          .setResult(vm.result());
      info.addContractResult(vm.returnData())
          .addAllLog(vm.logs())
          .addAllInternalTransactions(vm.internalTransactions());
      vm.contractAddress().ifPresent(info::setContractAddress);
      if (!vm.succeeded()) {
        info.setResult(TransactionInfo.code.FAILED)
            .setResMessage(ByteString.copyFromUtf8(vm.message()));
      }
    } else {
      info.addContractResult(ByteString.EMPTY);
    }
    if (!receipt.assetIssueId().isEmpty()) {
      info.setAssetIssueID(receipt.assetIssueId());
    }
    return info.setReceipt(resources).build();
  }

  static List<TransactionInfo> genesisInfos(Block genesis) {
    List<TransactionInfo> infos = new ArrayList<>();
    for (Transaction transaction : genesis.getTransactionsList()) {
      infos.add(
          TransactionInfo.newBuilder()
              .setId(Blocks.txId(transaction).toByteString())
              .setBlockNumber(0)
              .setBlockTimeStamp(genesis.getBlockHeader().getRawData().getTimestamp())
              .addContractResult(ByteString.EMPTY)
              .setReceipt(ResourceReceipt.getDefaultInstance())
              .build());
    }
    return infos;
  }
}
