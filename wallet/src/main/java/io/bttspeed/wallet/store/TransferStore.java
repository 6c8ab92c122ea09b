package io.bttspeed.wallet.store;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.id.WalletId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Transfers and their event log. Every write that changes what a caller can observe appends an
 * event in the same transaction; those transactions are serialized so that event indexes commit in
 * order and a subscriber reading "events after n" never skips one that commits later.
 */
public final class TransferStore implements EventLog<TransferEvent> {

  private static final int FINISH_BATCH = 16;

  private final Database db;

  /**
   * Fair, so that a send waiting to record its transfer gets in between the tracker's batches of
   * confirmations instead of waiting for a whole block's worth of them.
   */
  private final ReentrantLock eventOrder = new ReentrantLock(true);

  private final CommitSignal commits = new CommitSignal();

  public TransferStore(Database db) {
    this.db = db;
  }

  @Override
  public CommitSignal commits() {
    return commits;
  }

  /**
   * Signs a transfer inside the transaction that records it; empty when it cannot be signed now.
   */
  @FunctionalInterface
  public interface Signer {
    Optional<Signature> sign(TransferRecord recorded);
  }

  /**
   * A signed transaction as stored: its id (64 hex), the serialized protobuf, its expiration (epoch
   * ms).
   */
  public record Signature(TxId txid, byte[] rawTx, long expirationMs) {}

  /** {@link #recordAndSign} with nothing to sign yet: the transfer stays at stage RECORDED. */
  public TransferRecord insertOrGet(TransferRecord t) {
    return recordAndSign(t, recorded -> Optional.empty());
  }

  /**
   * Inserts a new transfer (status PENDING, stage RECORDED), then asks the signer for its
   * transaction and stores it (stage SIGNED), and appends the first event, all in one transaction:
   * a send costs one commit, the database refuses a reused key before anything is signed, and
   * nothing signed can leave the process before the record of it is committed. If the principal
   * already used the idempotency key, nothing is written and the existing transfer is returned
   * instead.
   */
  public TransferRecord recordAndSign(TransferRecord t, Signer signer) {
    try {
      return writeWithEvent(
          c -> {
            long creationIndex;
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO transfers (transfer_id, principal_id, wallet_id, idempotency_key, request_hash,"
                        + " asset, from_address, to_address, amount_base_units, fee_limit_sun, memo, status,"
                        + " stage, txid, raw_tx, expiration_ms, failure_reason, fee_sun, block_number,"
                        + " created_at_ms, updated_at_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"creation_index"})) {
              ins.setString(1, t.transferId());
              ins.setString(2, t.principalId());
              ins.setString(3, t.walletId().toString());
              ins.setString(4, t.idempotencyKey());
              ins.setString(5, t.requestHash());
              ins.setString(6, t.amount().asset().key());
              ins.setString(7, t.from().base58());
              ins.setString(8, t.to().base58());
              ins.setString(9, t.amount().units().toString());
              ins.setLong(10, t.feeLimitSun());
              ins.setString(11, t.memo());
              ins.setString(12, t.status().name());
              ins.setString(13, t.stage().name());
              ins.setNull(14, Types.CHAR);
              ins.setNull(15, Types.VARBINARY);
              ins.setLong(16, t.expirationMs());
              ins.setString(17, t.failureReason());
              ins.setLong(18, t.feeSun());
              ins.setLong(19, t.blockNumber());
              ins.setLong(20, t.createdAtMs());
              ins.setLong(21, t.updatedAtMs());
              ins.executeUpdate();
              try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                creationIndex = keys.getLong(1);
              }
            }
            TransferRecord recorded = t.withCreationIndex(creationIndex);
            Optional<Signature> signature = signer.sign(recorded);
            if (signature.isPresent()) {
              Signature sig = signature.get();
              storeSignature(c, t.transferId(), sig, t.updatedAtMs());
              recorded =
                  recorded.withSignature(
                      sig.txid(), sig.rawTx(), sig.expirationMs(), t.updatedAtMs());
            }
            TransferEventRows.append(c, t.transferId());
            return recorded;
          });
    } catch (StoreException e) {
      if (e.isConstraintViolation()) {
        // The key is taken (another send with it won the race), or else the transaction id is.
        Optional<TransferRecord> existing = findByKey(t.principalId(), t.idempotencyKey());
        if (existing.isPresent()) {
          return existing.get();
        }
        throw new TxidTakenException("of transfer " + t.transferId(), e);
      }
      throw e;
    }
  }

  /**
   * Stores the signed transaction of a transfer recorded earlier (stage SIGNED), before it is
   * broadcast. No event: the caller-visible status is still PENDING, and the stream carries status
   * changes.
   */
  public TransferRecord recordSigned(
      TransferRecord t, TxId txid, byte[] rawTx, long expirationMs, long nowMs) {
    try {
      db.inTransaction(
          c -> {
            storeSignature(c, t.transferId(), new Signature(txid, rawTx, expirationMs), nowMs);
            return null;
          });
    } catch (StoreException e) {
      if (e.isConstraintViolation()) {
        throw new TxidTakenException(txid.hex(), e);
      }
      throw e;
    }
    return t.withSignature(txid, rawTx, expirationMs, nowMs);
  }

  private static void storeSignature(Connection c, String transferId, Signature sig, long nowMs)
      throws SQLException {
    try (PreparedStatement up =
        c.prepareStatement(
            "UPDATE transfers SET stage = ?, txid = ?, raw_tx = ?, expiration_ms = ?, updated_at_ms = ?"
                + " WHERE transfer_id = ? AND stage = ?")) {
      up.setString(1, TransferStage.SIGNED.name());
      up.setString(2, sig.txid().hex());
      up.setBytes(3, sig.rawTx());
      up.setLong(4, sig.expirationMs());
      up.setLong(5, nowMs);
      up.setString(6, transferId);
      up.setString(7, TransferStage.RECORDED.name());
      requireOneRow(up.executeUpdate(), transferId, TransferStage.RECORDED);
    }
  }

  /** The node accepted the transaction; no event, the caller-visible status is still PENDING. */
  public void recordBroadcast(String transferId, long nowMs) {
    db.inTransaction(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE transfers SET stage = ?, updated_at_ms = ? WHERE transfer_id = ? AND stage = ?")) {
            up.setString(1, TransferStage.BROADCAST.name());
            up.setLong(2, nowMs);
            up.setString(3, transferId);
            up.setString(4, TransferStage.SIGNED.name());
            return up.executeUpdate();
          }
        });
  }

  /**
   * Moves the transfer to a final status (stage DONE) with an event; a transfer already DONE is
   * unchanged.
   */
  public TransferRecord finish(
      String transferId,
      TransferStatus status,
      String reason,
      long feeSun,
      long blockNumber,
      long nowMs) {
    return writeWithEvent(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE transfers SET status = ?, stage = ?, failure_reason = ?, fee_sun = ?, block_number = ?,"
                      + " updated_at_ms = ? WHERE transfer_id = ? AND stage <> ?")) {
            up.setString(1, status.name());
            up.setString(2, TransferStage.DONE.name());
            up.setString(3, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            up.setLong(4, feeSun);
            up.setLong(5, blockNumber);
            up.setLong(6, nowMs);
            up.setString(7, transferId);
            up.setString(8, TransferStage.DONE.name());
            if (up.executeUpdate() != 1) {
              return null;
            }
          }
          TransferEventRows.append(c, transferId);
          return TransferRows.oneIn(c, "WHERE t.transfer_id = ?", transferId).orElseThrow();
        });
  }

  /** A final status for one transfer, as the tracker determined it. */
  public record Completion(
      String transferId, TransferStatus status, String reason, long feeSun, long blockNumber) {}

  /**
   * Finishes many transfers, a batch per transaction: one commit per transfer would hold up sends
   * for a block's worth of confirmations, one commit for all would hold the event lock as long.
   * Transfers already DONE are skipped.
   */
  public void finishAll(List<Completion> completions, long nowMs) {
    for (int from = 0; from < completions.size(); from += FINISH_BATCH) {
      finishBatch(
          completions.subList(from, Math.min(completions.size(), from + FINISH_BATCH)), nowMs);
    }
  }

  private void finishBatch(List<Completion> completions, long nowMs) {
    eventOrder.lock();
    try {
      db.inTransaction(
          c -> {
            for (Completion done : completions) {
              try (PreparedStatement up =
                  c.prepareStatement(
                      "UPDATE transfers SET status = ?, stage = ?, failure_reason = ?, fee_sun = ?, block_number = ?,"
                          + " updated_at_ms = ? WHERE transfer_id = ? AND stage <> ?")) {
                up.setString(1, done.status().name());
                up.setString(2, TransferStage.DONE.name());
                up.setString(
                    3,
                    done.reason().length() > 1000
                        ? done.reason().substring(0, 1000)
                        : done.reason());
                up.setLong(4, done.feeSun());
                up.setLong(5, done.blockNumber());
                up.setLong(6, nowMs);
                up.setString(7, done.transferId());
                up.setString(8, TransferStage.DONE.name());
                if (up.executeUpdate() == 1) {
                  TransferEventRows.append(c, done.transferId());
                }
              }
            }
            return null;
          });
    } finally {
      eventOrder.unlock();
    }
    commits.fire();
  }

  public Optional<TransferRecord> find(String principalId, String transferId) {
    return one("WHERE t.principal_id = ? AND t.transfer_id = ?", principalId, transferId);
  }

  public Optional<TransferRecord> findById(String transferId) {
    return one("WHERE t.transfer_id = ?", transferId);
  }

  public Optional<TransferRecord> findByKey(String principalId, String idempotencyKey) {
    return one("WHERE t.principal_id = ? AND t.idempotency_key = ?", principalId, idempotencyKey);
  }

  /** Transfers not yet final, oldest first: the tracker's work list. */
  public List<TransferRecord> unfinished() {
    return unfinishedAfter(0);
  }

  /** Transfers not yet final created after the given creation index, oldest first. */
  public List<TransferRecord> unfinishedAfter(long creationIndex) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + TransferRows.COLUMNS
                      + " FROM transfers t WHERE t.stage IN (?, ?, ?) AND t.creation_index > ?"
                      + " ORDER BY t.creation_index")) {
            q.setString(1, TransferStage.RECORDED.name());
            q.setString(2, TransferStage.SIGNED.name());
            q.setString(3, TransferStage.BROADCAST.name());
            q.setLong(4, creationIndex);
            return TransferRows.readAll(q);
          }
        });
  }

  /**
   * A page of the principal's transfers in ascending creation index: after {@code indexOffset}
   * going forwards, or the last {@code max} before it (0 = from the end) going backwards.
   */
  public List<TransferRecord> page(
      String principalId,
      Optional<WalletId> walletId,
      long indexOffset,
      int max,
      boolean reversed) {
    String walletFilter = walletId.isPresent() ? " AND t.wallet_id = ?" : "";
    String sql =
        reversed
            ? "SELECT "
                + TransferRows.COLUMNS
                + " FROM transfers t WHERE t.principal_id = ?"
                + walletFilter
                + " AND t.creation_index < ? ORDER BY t.creation_index DESC LIMIT ?"
            : "SELECT "
                + TransferRows.COLUMNS
                + " FROM transfers t WHERE t.principal_id = ?"
                + walletFilter
                + " AND t.creation_index > ? ORDER BY t.creation_index LIMIT ?";
    List<TransferRecord> rows =
        db.inTransaction(
            c -> {
              try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setString(i++, principalId);
                if (walletId.isPresent()) {
                  q.setString(i++, walletId.get().toString());
                }
                q.setLong(i++, reversed && indexOffset == 0 ? Long.MAX_VALUE : indexOffset);
                q.setInt(i, max);
                return TransferRows.readAll(q);
              }
            });
    if (reversed) {
      List<TransferRecord> ascending = new ArrayList<>(rows);
      java.util.Collections.reverse(ascending);
      return ascending;
    }
    return rows;
  }

  /** The principal's events after {@code afterIndex}, oldest first, at most {@code limit}. */
  @Override
  public List<TransferEvent> events(String principalId, long afterIndex, int limit) {
    return db.inTransaction(c -> TransferEventRows.after(c, principalId, afterIndex, limit));
  }

  /**
   * Runs a write that appends events, holding the event order; null from the write means no change.
   */
  private TransferRecord writeWithEvent(Database.Work<TransferRecord> write) {
    TransferRecord after;
    eventOrder.lock();
    try {
      after = db.inTransaction(write);
    } finally {
      eventOrder.unlock();
    }
    if (after != null) {
      commits.fire();
    }
    return after;
  }

  private Optional<TransferRecord> one(String where, String... args) {
    return db.inTransaction(c -> TransferRows.oneIn(c, where, args));
  }

  private static void requireOneRow(int updated, String transferId, TransferStage expected) {
    if (updated != 1) {
      throw new IllegalStateException("transfer " + transferId + " was not in stage " + expected);
    }
  }
}
