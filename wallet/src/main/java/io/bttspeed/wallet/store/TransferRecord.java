package io.bttspeed.wallet.store;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.id.WalletId;
import java.util.Optional;

/**
 * One transfer as stored. {@code rawTx} is the signed transaction (serialized protobuf), present
 * from stage SIGNED on; {@code requestHash} identifies the request so a reused idempotency key with
 * other parameters is told apart from a retry.
 */
public record TransferRecord(
    long creationIndex,
    String transferId,
    String principalId,
    WalletId walletId,
    String idempotencyKey,
    String requestHash,
    Amount amount,
    TronAddress from,
    TronAddress to,
    long feeLimitSun,
    String memo,
    TransferStatus status,
    TransferStage stage,
    Optional<TxId> txid,
    Optional<byte[]> rawTx,
    long expirationMs,
    String failureReason,
    long feeSun,
    long blockNumber,
    long createdAtMs,
    long updatedAtMs) {

  public TransferRecord withProgress(
      TransferStatus status,
      TransferStage stage,
      String failureReason,
      long feeSun,
      long blockNumber,
      long updatedAtMs) {
    return new TransferRecord(
        creationIndex,
        transferId,
        principalId,
        walletId,
        idempotencyKey,
        requestHash,
        amount,
        from,
        to,
        feeLimitSun,
        memo,
        status,
        stage,
        txid,
        rawTx,
        expirationMs,
        failureReason,
        feeSun,
        blockNumber,
        createdAtMs,
        updatedAtMs);
  }

  public TransferRecord withCreationIndex(long index) {
    return new TransferRecord(
        index,
        transferId,
        principalId,
        walletId,
        idempotencyKey,
        requestHash,
        amount,
        from,
        to,
        feeLimitSun,
        memo,
        status,
        stage,
        txid,
        rawTx,
        expirationMs,
        failureReason,
        feeSun,
        blockNumber,
        createdAtMs,
        updatedAtMs);
  }

  public TransferRecord withSignature(
      TxId txid, byte[] rawTx, long expirationMs, long updatedAtMs) {
    return new TransferRecord(
        creationIndex,
        transferId,
        principalId,
        walletId,
        idempotencyKey,
        requestHash,
        amount,
        from,
        to,
        feeLimitSun,
        memo,
        status,
        TransferStage.SIGNED,
        Optional.of(txid),
        Optional.of(rawTx),
        expirationMs,
        failureReason,
        feeSun,
        blockNumber,
        createdAtMs,
        updatedAtMs);
  }
}
