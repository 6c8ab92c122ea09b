package io.bttspeed.wallet.chain;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.keys.TronKey;
import java.nio.charset.StandardCharsets;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;

/**
 * TRON transactions for a transfer, built and signed here rather than by the node (java-tron's
 * createTransaction would cost a round trip per send): TransferContract for TRX,
 * TransferAssetContract for TRC-10, TriggerSmartContract calling {@code transfer(to, amount)} for
 * TRC-20.
 */
final class TransferTransactions {

  /**
   * java-tron adds this to a transaction's size when charging bandwidth (MAX_RESULT_SIZE_IN_TX).
   */
  private static final int RESULT_BYTES = 64;

  private static final int SIGNATURE_BYTES = 65;

  private TransferTransactions() {}

  /**
   * The unsigned transaction, referring to the given recent block (TaPoS) and expiring at the given
   * time.
   */
  static TransactionDraft draft(
      TransferIntent intent,
      long refBlockNumber,
      byte[] refBlockId,
      long expirationMs,
      long timestampMs) {
    Chain.Transaction.raw raw =
        body(intent)
            .setRefBlockBytes(ByteString.copyFrom(longBytes(refBlockNumber), 6, 2))
            .setRefBlockHash(ByteString.copyFrom(refBlockId, 8, 8))
            .setExpiration(expirationMs)
            .setTimestamp(timestampMs)
            .build();
    byte[] rawData = raw.toByteArray();
    return new TransactionDraft(rawData, Sha256.hash(rawData), expirationMs);
  }

  static SignedTransaction sign(TransactionDraft draft, TronKey key) {
    Chain.Transaction tx;
    try {
      tx =
          Chain.Transaction.newBuilder()
              .setRawData(Chain.Transaction.raw.parseFrom(draft.rawData()))
              .addSignature(ByteString.copyFrom(key.signDigest(draft.txid())))
              .build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a draft built here no longer parses", e);
    }
    return new SignedTransaction(
        TxId.of(draft.txid()),
        tx.toByteArray(),
        draft.expirationMs(),
        tx.getSerializedSize() + RESULT_BYTES);
  }

  /**
   * Bandwidth the transaction takes, measured on a same-shaped one with placeholder TaPoS and
   * signature.
   */
  static long bandwidthBytes(TransferIntent intent) {
    Chain.Transaction tx =
        Chain.Transaction.newBuilder()
            .setRawData(
                body(intent)
                    .setRefBlockBytes(ByteString.copyFrom(new byte[2]))
                    .setRefBlockHash(ByteString.copyFrom(new byte[8]))
                    .setExpiration(Long.MAX_VALUE / 2)
                    .setTimestamp(Long.MAX_VALUE / 2))
            .addSignature(ByteString.copyFrom(new byte[SIGNATURE_BYTES]))
            .build();
    return tx.getSerializedSize() + RESULT_BYTES;
  }

  static Contract.TriggerSmartContract trigger(
      TronAddress owner, TronAddress contract, byte[] data) {
    return Contract.TriggerSmartContract.newBuilder()
        .setOwnerAddress(ByteString.copyFrom(owner.toByteArray()))
        .setContractAddress(ByteString.copyFrom(contract.toByteArray()))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  /** The contract, memo and fee limit: everything but TaPoS, expiration and timestamp. */
  private static Chain.Transaction.raw.Builder body(TransferIntent intent) {
    Chain.Transaction.raw.Builder raw =
        Chain.Transaction.raw.newBuilder().addContract(contract(intent));
    if (!intent.memo().isEmpty()) {
      raw.setData(ByteString.copyFrom(intent.memo(), StandardCharsets.UTF_8));
    }
    if (intent.feeLimitSun() > 0) {
      raw.setFeeLimit(intent.feeLimitSun());
    }
    return raw;
  }

  private static Chain.Transaction.Contract contract(TransferIntent intent) {
    ByteString owner = ByteString.copyFrom(intent.from().toByteArray());
    ByteString to = ByteString.copyFrom(intent.to().toByteArray());
    Message parameter;
    Chain.Transaction.Contract.ContractType type;
    Asset asset = intent.amount().asset();
    if (asset instanceof Asset.Trx) {
      type = Chain.Transaction.Contract.ContractType.TransferContract;
      parameter =
          Contract.TransferContract.newBuilder()
              .setOwnerAddress(owner)
              .setToAddress(to)
              .setAmount(intent.amount().longValueExact())
              .build();
    } else if (asset instanceof Asset.Trc10 trc10) {
      type = Chain.Transaction.Contract.ContractType.TransferAssetContract;
      parameter =
          Contract.TransferAssetContract.newBuilder()
              .setAssetName(ByteString.copyFromUtf8(Long.toString(trc10.tokenId())))
              .setOwnerAddress(owner)
              .setToAddress(to)
              .setAmount(intent.amount().longValueExact())
              .build();
    } else {
      Asset.Trc20 trc20 = (Asset.Trc20) asset;
      type = Chain.Transaction.Contract.ContractType.TriggerSmartContract;
      parameter =
          trigger(
              intent.from(),
              trc20.contract(),
              Trc20Abi.transfer(intent.to(), intent.amount().units()));
    }
    return Chain.Transaction.Contract.newBuilder()
        .setType(type)
        .setParameter(Any.pack(parameter))
        .build();
  }

  private static byte[] longBytes(long value) {
    byte[] out = new byte[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }
}
