package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.ChannelGateway.Resources;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The channel history: each transaction a channel call sent, written as soon as it is in a block
 * (before the call goes on, so an approve whose open then fails is still there with its fee).
 */
public final class ChannelTransactionStore {

  private static final String COLUMNS =
      "tx_index, principal_id, wallet_id, channel_id, call_id, kind, txid, block_number, succeeded,"
          + " fee_sun, bandwidth_bytes, bandwidth_fee_sun, energy_units, energy_fee_sun,"
          + " recorded_at_ms";

  private final Database db;

  ChannelTransactionStore(Database db) {
    this.db = db;
  }

  ChannelTransaction insert(
      String principalId,
      WalletId walletId,
      ChannelId channelId,
      String callId,
      ChannelTransaction.Sent sent,
      long nowMs) {
    long index =
        db.inTransaction(
            c -> {
              try (PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO channel_transactions (principal_id, wallet_id, channel_id,"
                          + " call_id, kind, txid, block_number, succeeded, fee_sun, bandwidth_bytes,"
                          + " bandwidth_fee_sun, energy_units, energy_fee_sun, recorded_at_ms)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      Statement.RETURN_GENERATED_KEYS)) {
                Resources r = sent.resources();
                int i = 1;
                ins.setString(i++, principalId);
                ins.setString(i++, walletId.toString());
                ins.setString(i++, channelId.hex());
                ins.setString(i++, callId);
                ins.setString(i++, sent.kind().name());
                ins.setString(i++, sent.txid().hex());
                ins.setLong(i++, sent.blockNumber());
                ins.setBoolean(i++, sent.succeeded());
                ins.setLong(i++, sent.feeSun());
                ins.setLong(i++, r.bandwidthBytes());
                ins.setLong(i++, r.bandwidthFeeSun());
                ins.setLong(i++, r.energyUnits());
                ins.setLong(i++, r.energyFeeSun());
                ins.setLong(i, nowMs);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                  keys.next();
                  return keys.getLong(1);
                }
              }
            });
    return new ChannelTransaction(index, principalId, walletId, channelId, callId, sent, nowMs);
  }

  /**
   * The open took another id than the one expected when its approve was recorded (another process
   * opened for the same payer in between): the call's rows move to the channel it opened.
   */
  void moveCall(String callId, ChannelId channelId) {
    db.inTransaction(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE channel_transactions SET channel_id = ? WHERE call_id = ?")) {
            up.setString(1, channelId.hex());
            up.setString(2, callId);
            return up.executeUpdate();
          }
        });
  }

  /**
   * Every transaction of the call that sent {@code txid}, in the order sent: what a retry under an
   * idempotency key answers with. Empty for an unknown txid.
   */
  List<ChannelTransaction> callOf(String principalId, TxId txid) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM channel_transactions WHERE principal_id = ? AND call_id IN"
                      + " (SELECT call_id FROM channel_transactions WHERE txid = ?)"
                      + " ORDER BY tx_index")) {
            q.setString(1, principalId);
            q.setString(2, txid.hex());
            return readAll(q);
          }
        });
  }

  /**
   * A page of the principal's channel transactions in ascending index: after {@code indexOffset}
   * going forwards, or the last {@code max} before it (0 = from the end) going backwards.
   */
  public List<ChannelTransaction> page(
      String principalId,
      Optional<WalletId> walletId,
      Optional<ChannelId> channelId,
      long indexOffset,
      int max,
      boolean reversed) {
    String filters =
        (walletId.isPresent() ? " AND wallet_id = ?" : "")
            + (channelId.isPresent() ? " AND channel_id = ?" : "");
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM channel_transactions WHERE principal_id = ?"
            + filters
            + (reversed
                ? " AND tx_index < ? ORDER BY tx_index DESC LIMIT ?"
                : " AND tx_index > ? ORDER BY tx_index LIMIT ?");
    List<ChannelTransaction> rows =
        db.inTransaction(
            c -> {
              try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                q.setString(i++, principalId);
                if (walletId.isPresent()) {
                  q.setString(i++, walletId.get().toString());
                }
                if (channelId.isPresent()) {
                  q.setString(i++, channelId.get().hex());
                }
                q.setLong(i++, reversed && indexOffset == 0 ? Long.MAX_VALUE : indexOffset);
                q.setInt(i, max);
                return readAll(q);
              }
            });
    if (reversed) {
      List<ChannelTransaction> ascending = new ArrayList<>(rows);
      Collections.reverse(ascending);
      return ascending;
    }
    return rows;
  }

  private static List<ChannelTransaction> readAll(PreparedStatement q) throws SQLException {
    List<ChannelTransaction> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(
            new ChannelTransaction(
                rs.getLong("tx_index"),
                rs.getString("principal_id"),
                WalletId.parse(rs.getString("wallet_id")),
                ChannelId.fromHex(rs.getString("channel_id")),
                rs.getString("call_id"),
                new ChannelTransaction.Sent(
                    ChannelTransaction.Kind.valueOf(rs.getString("kind")),
                    TxId.parse(rs.getString("txid")),
                    rs.getLong("block_number"),
                    rs.getBoolean("succeeded"),
                    rs.getLong("fee_sun"),
                    new Resources(
                        rs.getLong("bandwidth_bytes"),
                        rs.getLong("bandwidth_fee_sun"),
                        rs.getLong("energy_units"),
                        rs.getLong("energy_fee_sun"))),
                rs.getLong("recorded_at_ms")));
      }
    }
    return out;
  }
}
