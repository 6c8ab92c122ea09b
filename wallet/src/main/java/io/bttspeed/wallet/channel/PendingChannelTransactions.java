package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel transactions signed and not yet seen in a block, stored before their first broadcast (see
 * V11). An open is stored only while its channel is still OPENING, and an opening channel is given
 * up only while no open of it is stored, each under a lock on the channel's row: a slow call and
 * the give-up of its channel never both win.
 */
final class PendingChannelTransactions {

  /** A stored transaction and the call that signed it. */
  record Pending(
      String principalId,
      WalletId walletId,
      ChannelId channelId,
      String callId,
      ChannelTransaction.Kind kind,
      SignedTransaction tx,
      long signedAtMs) {}

  /** More than any wallet has in flight at once; a round looks at no more. */
  static final int MAX_LISTED = 1_000;

  private static final String COLUMNS =
      "principal_id, wallet_id, channel_id, call_id, kind, txid, raw_tx, expiration_ms,"
          + " signed_at_ms";

  private final Database db;

  PendingChannelTransactions(Database db) {
    this.db = db;
  }

  /**
   * Stores a signed transaction before it is broadcast; false, storing nothing, for an open whose
   * channel is no longer OPENING (it was given up: the open must not be sent).
   */
  boolean insert(Pending p) {
    return db.inTransaction(
        c -> {
          if (p.kind() == ChannelTransaction.Kind.OPEN
              && !lockOpening(c, p.walletId(), p.channelId())) {
            return false;
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO channel_pending_transactions ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ins.setString(i++, p.principalId());
            ins.setString(i++, p.walletId().toString());
            ins.setString(i++, p.channelId().hex());
            ins.setString(i++, p.callId());
            ins.setString(i++, p.kind().name());
            ins.setString(i++, p.tx().txid().hex());
            ins.setBytes(i++, p.tx().serialized());
            ins.setLong(i++, p.tx().expirationMs());
            ins.setLong(i, p.signedAtMs());
            ins.executeUpdate();
          }
          return true;
        });
  }

  /** The transaction is in a block (or can no longer be): it is no longer pending. */
  void remove(TxId txid) {
    db.inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM channel_pending_transactions WHERE txid = ?")) {
            del.setString(1, txid.hex());
            return del.executeUpdate();
          }
        });
  }

  /** The channel's pending transactions, oldest first. */
  List<Pending> forChannel(WalletId walletId, ChannelId channelId) {
    return select(
        " WHERE wallet_id = ? AND channel_id = ? ORDER BY signed_at_ms, txid",
        walletId.toString(),
        channelId.hex());
  }

  /** Every pending transaction, oldest first, at most {@link #MAX_LISTED}. */
  List<Pending> all() {
    return select(" ORDER BY signed_at_ms, txid LIMIT ?", MAX_LISTED);
  }

  private List<Pending> select(String tail, Object... args) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM channel_pending_transactions" + tail)) {
            for (int i = 0; i < args.length; i++) {
              q.setObject(i + 1, args[i]);
            }
            return readAll(q);
          }
        });
  }

  /** The open took another id than expected: the call's pending rows move with it. */
  void moveCall(String callId, ChannelId channelId) {
    db.inTransaction(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE channel_pending_transactions SET channel_id = ? WHERE call_id = ?")) {
            up.setString(1, channelId.hex());
            up.setString(2, callId);
            return up.executeUpdate();
          }
        });
  }

  /**
   * Part of the give-up of an opening channel, in its transaction after the channel's row is
   * locked: true, having dropped the channel's pending rows (approves whose open never came), when
   * no open of it is pending; false, changing nothing, when one is.
   */
  static Database.Work<Boolean> clearUnlessOpenPending(WalletId walletId, ChannelId channelId) {
    return c -> {
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT COUNT(*) FROM channel_pending_transactions WHERE wallet_id = ? AND"
                  + " channel_id = ? AND kind = ?")) {
        q.setString(1, walletId.toString());
        q.setString(2, channelId.hex());
        q.setString(3, ChannelTransaction.Kind.OPEN.name());
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return false;
          }
        }
      }
      try (PreparedStatement del =
          c.prepareStatement(
              "DELETE FROM channel_pending_transactions WHERE wallet_id = ? AND channel_id = ?")) {
        del.setString(1, walletId.toString());
        del.setString(2, channelId.hex());
        del.executeUpdate();
      }
      return true;
    };
  }

  /** Locks the payer's row of the channel; whether it is OPENING. */
  private static boolean lockOpening(Connection c, WalletId walletId, ChannelId channelId)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT state FROM channels WHERE wallet_id = ? AND channel_id = ? AND role = ?"
                + " FOR UPDATE")) {
      q.setString(1, walletId.toString());
      q.setString(2, channelId.hex());
      q.setString(3, ChannelRole.PAYER.name());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() && rs.getString(1).equals(ChannelStatus.OPENING.name());
      }
    }
  }

  private static List<Pending> readAll(PreparedStatement q) throws SQLException {
    List<Pending> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        byte[] raw = rs.getBytes("raw_tx");
        out.add(
            new Pending(
                rs.getString("principal_id"),
                WalletId.parse(rs.getString("wallet_id")),
                ChannelId.fromHex(rs.getString("channel_id")),
                rs.getString("call_id"),
                ChannelTransaction.Kind.valueOf(rs.getString("kind")),
                new SignedTransaction(
                    TxId.parse(rs.getString("txid")), raw, rs.getLong("expiration_ms"), raw.length),
                rs.getLong("signed_at_ms")));
      }
    }
    return out;
  }
}
