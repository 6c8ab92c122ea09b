package io.bttspeed.wallet.chain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * The payments a block carried out, read from the block's transactions and their infos:
 * TransferContract (TRX) and TransferAssetContract (TRC-10) of successful transactions, TRC-20
 * Transfer event logs, and TRX or TRC-10 moved by contracts (internal transactions not rejected),
 * such as a channel hub's payouts.
 */
final class BlockPayments {

  /** keccak256("Transfer(address,address,uint256)"), the first topic of a TRC-20 Transfer event. */
  private static final ByteString TRANSFER_TOPIC =
      ByteString.fromHex("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

  /**
   * Internal transactions carry one value per token moved; more than this many in one call are not
   * read.
   */
  private static final int VALUES_PER_CALL = 16;

  private BlockPayments() {}

  static List<ChainPayment> of(
      Response.BlockExtention block, Response.TransactionInfoList infos, Set<Asset> assets) {
    long number = block.getBlockHeader().getRawData().getNumber();
    long timeMs = block.getBlockHeader().getRawData().getTimestamp();
    Map<TxId, Response.TransactionInfo> infoById = new HashMap<>();
    infos.getTransactionInfoList().forEach(i -> infoById.put(TxId.of(i.getId().toByteArray()), i));
    List<ChainPayment> out = new ArrayList<>();
    for (Response.TransactionExtention tx : block.getTransactionsList()) {
      if (tx.getTxid().size() != TxId.LENGTH) {
        // Nodes give every transaction of a block its id; one without cannot be recorded or looked
        // up.
        continue;
      }
      TxId txid = TxId.of(tx.getTxid().toByteArray());
      Response.TransactionInfo info = infoById.get(txid);
      if (!succeeded(tx.getTransaction(), info)) {
        continue;
      }
      for (Chain.Transaction.Contract contract :
          tx.getTransaction().getRawData().getContractList()) {
        ownPayment(contract, assets).ifPresent(p -> out.add(p.at(txid, 0, number, timeMs)));
      }
      if (info == null) {
        continue;
      }
      for (int i = 0; i < info.getLogCount(); i++) {
        int position = 1 + i;
        transferEvent(info.getLog(i), assets)
            .ifPresent(p -> out.add(p.at(txid, position, number, timeMs)));
      }
      for (int j = 0; j < info.getInternalTransactionsCount(); j++) {
        List<Move> moves = internalPayments(info.getInternalTransactions(j), assets);
        for (int k = 0; k < moves.size(); k++) {
          out.add(
              moves
                  .get(k)
                  .at(txid, ChainPayment.INTERNAL_BASE + j * VALUES_PER_CALL + k, number, timeMs));
        }
      }
    }
    return out;
  }

  /** A payment before it is placed in its transaction and block. */
  private record Move(TronAddress from, TronAddress to, Amount amount) {
    ChainPayment at(TxId txid, int position, long blockNumber, long blockTimeMs) {
      return new ChainPayment(txid, position, from, to, amount, blockNumber, blockTimeMs);
    }
  }

  private static boolean succeeded(Chain.Transaction tx, Response.TransactionInfo info) {
    if (info != null && info.getResult() == Response.TransactionInfo.code.FAILED) {
      return false;
    }
    for (Chain.Transaction.Result ret : tx.getRetList()) {
      Chain.Transaction.Result.contractResult r = ret.getContractRet();
      if (r != Chain.Transaction.Result.contractResult.DEFAULT
          && r != Chain.Transaction.Result.contractResult.SUCCESS) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Move> ownPayment(Chain.Transaction.Contract contract, Set<Asset> assets) {
    try {
      switch (contract.getType()) {
        case TransferContract -> {
          Contract.TransferContract t =
              contract.getParameter().unpack(Contract.TransferContract.class);
          return move(
              t.getOwnerAddress(), t.getToAddress(), Asset.Trx.INSTANCE, t.getAmount(), assets);
        }
        case TransferAssetContract -> {
          Contract.TransferAssetContract t =
              contract.getParameter().unpack(Contract.TransferAssetContract.class);
          return trc10(t.getAssetName().toStringUtf8())
              .flatMap(a -> move(t.getOwnerAddress(), t.getToAddress(), a, t.getAmount(), assets));
        }
        default -> {
          return Optional.empty();
        }
      }
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty(); // not the contract its type says: not a payment we can read
    }
  }

  /** A Transfer(from, to, value) event of one of the TRC-20 assets; offset is the log's index. */
  private static Optional<Move> transferEvent(Response.TransactionInfo.Log log, Set<Asset> assets) {
    if (log.getTopicsCount() != 3
        || !log.getTopics(0).equals(TRANSFER_TOPIC)
        || log.getData().size() != 32
        || log.getAddress().size() != 20) {
      return Optional.empty();
    }
    Asset.Trc20 token = new Asset.Trc20(TronAddress.of(tron(log.getAddress())));
    if (!assets.contains(token)) {
      return Optional.empty();
    }
    BigInteger value = new BigInteger(1, log.getData().toByteArray());
    if (value.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Move(
            wordAddress(log.getTopics(1)),
            wordAddress(log.getTopics(2)),
            new Amount(token, value)));
  }

  private static List<Move> internalPayments(
      Response.InternalTransaction internal, Set<Asset> assets) {
    List<Move> out = new ArrayList<>();
    if (internal.getRejected()) {
      return out;
    }
    for (Response.InternalTransaction.CallValueInfo value :
        internal
            .getCallValueInfoList()
            .subList(0, Math.min(VALUES_PER_CALL, internal.getCallValueInfoCount()))) {
      String tokenId = value.getTokenId();
      Optional<Asset> asset =
          tokenId.isEmpty() || tokenId.equals("_")
              ? Optional.of(Asset.Trx.INSTANCE)
              : trc10(tokenId);
      asset
          .flatMap(
              a ->
                  move(
                      internal.getCallerAddress(),
                      internal.getTransferToAddress(),
                      a,
                      value.getCallValue(),
                      assets))
          .ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Move> move(
      ByteString from, ByteString to, Asset asset, long units, Set<Asset> assets) {
    if (units <= 0 || !assets.contains(asset) || from.size() != 21 || to.size() != 21) {
      return Optional.empty();
    }
    return Optional.of(
        new Move(
            TronAddress.of(from.toByteArray()),
            TronAddress.of(to.toByteArray()),
            new Amount(asset, BigInteger.valueOf(units))));
  }

  private static Optional<Asset> trc10(String id) {
    if (!id.matches("[1-9][0-9]{0,17}")) {
      return Optional.empty();
    }
    return Optional.of(new Asset.Trc10(Long.parseLong(id)));
  }

  private static TronAddress wordAddress(ByteString word) {
    return TronAddress.of(tron(word.substring(12)));
  }

  private static byte[] tron(ByteString twentyBytes) {
    byte[] out = new byte[21];
    out[0] = 0x41;
    twentyBytes.copyTo(out, 1);
    return out;
  }
}
