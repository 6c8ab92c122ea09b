package io.bttspeed.wallet.store;

import io.bttspeed.tron.id.TxId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a transfer's events are written to {@code transfer_events} and read back, each as the
 * transfer was at that event.
 */
final class TransferEventRows {

  private TransferEventRows() {}

  /** Appends the transfer's current state as an event, copied inside the database. */
  static void append(Connection c, String transferId) throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO transfer_events (transfer_id, principal_id, status, txid, failure_reason, fee_sun,"
                + " block_number, expiration_ms, at_ms) SELECT transfer_id, principal_id, status, txid,"
                + " failure_reason, fee_sun, block_number, expiration_ms, updated_at_ms FROM transfers"
                + " WHERE transfer_id = ?")) {
      ins.setString(1, transferId);
      ins.executeUpdate();
    }
  }

  /** The principal's events after {@code afterIndex}, oldest first, at most {@code limit}. */
  static List<TransferEvent> after(Connection c, String principalId, long afterIndex, int limit)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT e.event_index, e.status, e.txid, e.failure_reason, e.fee_sun, e.block_number,"
                + " e.expiration_ms, e.at_ms, "
                + TransferRows.COLUMNS
                + " FROM transfer_events e JOIN transfers t ON t.transfer_id = e.transfer_id"
                + " WHERE e.principal_id = ? AND e.event_index > ? ORDER BY e.event_index LIMIT ?")) {
      q.setString(1, principalId);
      q.setLong(2, afterIndex);
      q.setInt(3, limit);
      List<TransferEvent> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          TransferRecord now = TransferRows.read(rs, 9);
          TransferRecord then =
              new TransferRecord(
                  now.creationIndex(),
                  now.transferId(),
                  now.principalId(),
                  now.walletId(),
                  now.idempotencyKey(),
                  now.requestHash(),
                  now.amount(),
                  now.from(),
                  now.to(),
                  now.feeLimitSun(),
                  now.memo(),
                  TransferStatus.valueOf(rs.getString(2)),
                  now.stage(),
                  Optional.ofNullable(rs.getString(3)).map(TxId::parse),
                  Optional.empty(),
                  rs.getLong(7),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  now.createdAtMs(),
                  rs.getLong(8));
          out.add(new TransferEvent(rs.getLong(1), then));
        }
      }
      return out;
    }
  }
}
