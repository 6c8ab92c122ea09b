package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.StoreException;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

/**
 * OpenChannel and TopUpChannel requests under their idempotency keys. A request is claimed for
 * sending by a conditional update on the stage and claim time it was last seen with, so two
 * instances sharing the database never both send for one key.
 */
final class ChannelRequestStore {

  enum Kind {
    OPEN,
    TOP_UP
  }

  /** RECORDED: nothing sent; SENDING: claimed at {@code sentAtMs}; DONE: the transaction landed. */
  enum Stage {
    RECORDED,
    SENDING,
    DONE
  }

  record Request(
      String principalId,
      String idempotencyKey,
      Kind kind,
      String requestHash,
      WalletId walletId,
      Optional<ChannelId> channelId,
      Optional<BigInteger> depositBefore,
      Stage stage,
      long sentAtMs,
      Optional<TxId> txid) {}

  private static final String COLUMNS =
      "principal_id, idempotency_key, kind, request_hash, wallet_id, channel_id,"
          + " deposit_before_base_units, stage, sent_at_ms, txid";

  private final Database db;

  ChannelRequestStore(Database db) {
    this.db = db;
  }

  /** Records a new request; if the key is taken (by any request), returns the stored one. */
  Request insertOrGet(
      String principalId, FundingRequest request, Optional<ChannelId> channelId, long nowMs) {
    try {
      db.inTransaction(
          c -> {
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO channel_requests (principal_id, idempotency_key, kind,"
                        + " request_hash, wallet_id, channel_id, stage, sent_at_ms, created_at_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
              ins.setString(1, principalId);
              ins.setString(2, request.idempotencyKey());
              ins.setString(3, request.kind().name());
              ins.setString(4, request.contentHash());
              ins.setString(5, request.walletId().toString());
              ins.setString(6, channelId.map(ChannelId::hex).orElse(null));
              ins.setString(7, Stage.RECORDED.name());
              ins.setLong(8, nowMs);
              return ins.executeUpdate();
            }
          });
    } catch (StoreException e) {
      if (!e.isConstraintViolation()) {
        throw e;
      }
    }
    return find(principalId, request.idempotencyKey()).orElseThrow();
  }

  Optional<Request> find(String principalId, String key) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM channel_requests WHERE principal_id = ? AND idempotency_key = ?")) {
            q.setString(1, principalId);
            q.setString(2, key);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String channel = rs.getString(6);
              String before = rs.getString(7);
              return Optional.of(
                  new Request(
                      rs.getString(1),
                      rs.getString(2),
                      Kind.valueOf(rs.getString(3)),
                      rs.getString(4),
                      WalletId.parse(rs.getString(5)),
                      Optional.ofNullable(channel).map(ChannelId::fromHex),
                      Optional.ofNullable(before).map(BigInteger::new),
                      Stage.valueOf(rs.getString(8)),
                      rs.getLong(9),
                      Optional.ofNullable(rs.getString(10)).map(TxId::parse)));
            }
          }
        });
  }

  /**
   * Moves the request, as {@code seen}, to SENDING at {@code nowMs} with the deposit it is sent
   * against; false if it changed since it was seen (another instance claimed it).
   */
  boolean claim(Request seen, Optional<BigInteger> depositBefore, long nowMs) {
    return update(
        "UPDATE channel_requests SET stage = ?, sent_at_ms = ?, deposit_before_base_units = ?"
            + " WHERE principal_id = ? AND idempotency_key = ? AND stage = ? AND sent_at_ms = ?",
        q -> {
          q.setString(1, Stage.SENDING.name());
          q.setLong(2, nowMs);
          if (depositBefore.isPresent()) {
            q.setString(3, depositBefore.get().toString());
          } else {
            q.setNull(3, Types.VARCHAR);
          }
          q.setString(4, seen.principalId());
          q.setString(5, seen.idempotencyKey());
          q.setString(6, seen.stage().name());
          q.setLong(7, seen.sentAtMs());
        });
  }

  /** Names the channel an open will create, before the open is sent. */
  void link(Request r, ChannelId channelId) {
    update(
        "UPDATE channel_requests SET channel_id = ? WHERE principal_id = ? AND idempotency_key = ?",
        q -> {
          q.setString(1, channelId.hex());
          q.setString(2, r.principalId());
          q.setString(3, r.idempotencyKey());
        });
  }

  /** The request's transactions landed; {@code txid} is empty when found on chain after a crash. */
  void done(Request r, ChannelId channelId, Optional<TxId> txid) {
    update(
        "UPDATE channel_requests SET stage = ?, channel_id = ?, txid = ? WHERE principal_id = ? AND"
            + " idempotency_key = ?",
        q -> {
          q.setString(1, Stage.DONE.name());
          q.setString(2, channelId.hex());
          q.setString(3, txid.map(TxId::hex).orElse(null));
          q.setString(4, r.principalId());
          q.setString(5, r.idempotencyKey());
        });
  }

  /**
   * The request was refused (by a check, or by the chain): nothing moved, so the key is free again,
   * as if the request had never come, and the same key may carry a corrected request.
   */
  void forget(Request r) {
    update(
        "DELETE FROM channel_requests WHERE principal_id = ? AND idempotency_key = ? AND stage <> ?",
        q -> {
          q.setString(1, r.principalId());
          q.setString(2, r.idempotencyKey());
          q.setString(3, Stage.DONE.name());
        });
  }

  private interface Binder {
    void bind(PreparedStatement q) throws java.sql.SQLException;
  }

  private boolean update(String sql, Binder binder) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q = c.prepareStatement(sql)) {
            binder.bind(q);
            return q.executeUpdate() == 1;
          }
        });
  }
}
