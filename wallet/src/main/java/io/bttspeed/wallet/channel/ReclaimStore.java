package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Reclaims of expired channels, one row per payer channel row: a reclaim is claimed here before it
 * is sent, by an insert or a conditional update on the claim time last seen, so only one sender
 * wins, in this process or another sharing the database.
 */
final class ReclaimStore {

  private final Database db;

  ReclaimStore(Database db) {
    this.db = db;
  }

  /** When the last reclaim of the channel row was sent, if one was. */
  Optional<Long> sentAt(long rowId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT sent_at_ms FROM channel_reclaims WHERE row_id = ?")) {
            q.setLong(1, rowId);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Claims the reclaim at {@code nowMs} if the row's claim is still {@code seen}; false if another
   * sender claimed it first.
   */
  boolean claim(long rowId, Optional<Long> seen, long nowMs) {
    try {
      return db.inTransaction(
          c -> {
            if (seen.isEmpty()) {
              try (PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO channel_reclaims (row_id, sent_at_ms) VALUES (?, ?)")) {
                ins.setLong(1, rowId);
                ins.setLong(2, nowMs);
                return ins.executeUpdate() == 1;
              }
            }
            try (PreparedStatement up =
                c.prepareStatement(
                    "UPDATE channel_reclaims SET sent_at_ms = ?, txid = NULL WHERE row_id = ? AND"
                        + " sent_at_ms = ?")) {
              up.setLong(1, nowMs);
              up.setLong(2, rowId);
              up.setLong(3, seen.get());
              return up.executeUpdate() == 1;
            }
          });
    } catch (StoreException e) {
      if (e.isConstraintViolation()) {
        return false;
      }
      throw e;
    }
  }

  void done(long rowId, TxId txid) {
    db.inTransaction(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement("UPDATE channel_reclaims SET txid = ? WHERE row_id = ?")) {
            up.setString(1, txid.hex());
            up.setLong(2, rowId);
            return up.executeUpdate();
          }
        });
  }

  /** The chain refused the reclaim: none is on its way, so the next may be sent at once. */
  void release(long rowId) {
    db.inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM channel_reclaims WHERE row_id = ?")) {
            del.setLong(1, rowId);
            return del.executeUpdate();
          }
        });
  }
}
