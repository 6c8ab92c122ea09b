package io.bttspeed.devnet.api;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.node.TronNode;
import io.bttspeed.devnet.store.ChainStore;
import io.bttspeed.tron.address.TronAddress;
import io.grpc.Status;
import java.util.Optional;
import org.tron.trident.api.GrpcAPI.BlockReq;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.BlockExtention;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;
import org.tron.trident.proto.Response.TransactionInfoList;
import org.tron.trident.proto.Response.TransactionReturn;

/**
 * The lookups both gRPC services answer, seen either from the head (full node) or from the
 * solidified block (solidity node). Missing things are answered with empty messages, as java-tron
 * does.
 */
final class ChainQueries {
  private final TronNode node;
  private final boolean solidOnly;

  ChainQueries(TronNode node, boolean solidOnly) {
    this.node = node;
    this.solidOnly = solidOnly;
  }

  long visibleHead() {
    return solidOnly ? node.solidNumber() : node.headNumber();
  }

  Block nowBlock() {
    return solidOnly ? node.solidBlock() : node.headBlock();
  }

  Block blockByNumber(long number) {
    return number > visibleHead()
        ? Block.getDefaultInstance()
        : node.blockByNumber(number).orElse(Block.getDefaultInstance());
  }

  Block blockById(ByteString id) {
    if (id.size() != 32) {
      return Block.getDefaultInstance();
    }
    return node.blockById(Hash32.of(id))
        .filter(block -> block.getBlockHeader().getRawData().getNumber() <= visibleHead())
        .orElse(Block.getDefaultInstance());
  }

  /** GetBlock: by number or id, the head when empty; with or without the transactions. */
  BlockExtention block(BlockReq request) {
    String idOrNum = request.getIdOrNum().trim();
    Block block;
    if (idOrNum.isEmpty()) {
      block = nowBlock();
    } else if (idOrNum.length() == 64) {
      try {
        block = blockById(Hash32.fromHex(idOrNum).toByteString());
      } catch (IllegalArgumentException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription("id_or_num is neither a block number nor a block id")
            .asRuntimeException();
      }
    } else {
      try {
        block = blockByNumber(Long.parseLong(idOrNum));
      } catch (NumberFormatException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription("id_or_num is neither a block number nor a block id")
            .asRuntimeException();
      }
    }
    if (!request.getDetail()) {
      block = block.toBuilder().clearTransactions().build();
    }
    return extention(block);
  }

  Transaction transaction(ByteString id) {
    return stored(id)
        .map(ChainStore.StoredTransaction::transaction)
        .orElse(Transaction.getDefaultInstance());
  }

  TransactionInfo transactionInfo(ByteString id) {
    if (id.size() != 32) {
      return TransactionInfo.getDefaultInstance();
    }
    return node.transactionInfo(Hash32.of(id))
        .filter(info -> info.getBlockNumber() <= visibleHead())
        .orElse(TransactionInfo.getDefaultInstance());
  }

  TransactionInfoList transactionInfos(long blockNumber) {
    if (blockNumber > visibleHead()) {
      return TransactionInfoList.getDefaultInstance();
    }
    return TransactionInfoList.newBuilder()
        .addAllTransactionInfo(node.transactionInfos(blockNumber))
        .build();
  }

  Account account(ByteString address) {
    if (!TronAddress.isValid(address.toByteArray())) {
      return Account.getDefaultInstance();
    }
    TronAddress parsed = TronAddress.of(address);
    return (solidOnly ? node.solidAccount(parsed) : node.account(parsed))
        .orElse(Account.getDefaultInstance());
  }

  private Optional<ChainStore.StoredTransaction> stored(ByteString id) {
    if (id.size() != 32) {
      return Optional.empty();
    }
    return node.transaction(Hash32.of(id)).filter(found -> found.blockNumber() <= visibleHead());
  }

  static BlockExtention extention(Block block) {
    if (!block.hasBlockHeader()) {
      return BlockExtention.getDefaultInstance();
    }
    BlockExtention.Builder builder =
        BlockExtention.newBuilder()
            .setBlockHeader(block.getBlockHeader())
            .setBlockid(Blocks.blockId(block).toByteString());
    for (Transaction transaction : block.getTransactionsList()) {
      builder.addTransactions(
          TransactionExtention.newBuilder()
              .setTransaction(transaction)
              .setTxid(Blocks.txId(transaction).toByteString())
              .setResult(TransactionReturn.newBuilder().setResult(true)));
    }
    return builder.build();
  }
}
