package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.id.WalletId;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a channel is read from its row in {@code channels} (alias {@code c}) joined with its mark in
 * {@code channel_marks} (alias {@code m}).
 */
final class ChannelRows {

  static final String COLUMNS =
      "c.row_id, c.principal_id, c.wallet_id, c.channel_id, c.role, c.hub_address, c.asset,"
          + " c.payer_address, c.payee_address, c.deposit_base_units, m.cumulative_base_units,"
          + " c.paid_out_base_units, c.expires_at_s, c.state, m.signature, c.updated_at_ms";
  static final String FROM = " FROM channels c JOIN channel_marks m ON m.row_id = c.row_id ";

  private ChannelRows() {}

  /** The first channel a {@code WHERE ...} clause selects. */
  static Optional<ChannelRecord> oneIn(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + FROM + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      List<ChannelRecord> rows = readAll(q);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  /** Every channel a query selecting {@link #COLUMNS} returns, in its order. */
  static List<ChannelRecord> readAll(PreparedStatement q) throws SQLException {
    List<ChannelRecord> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs, 1));
      }
    }
    return out;
  }

  /** The channel in the current row, whose {@link #COLUMNS} start at column {@code first}. */
  static ChannelRecord read(ResultSet rs, int first) throws SQLException {
    int i = first;
    long rowId = rs.getLong(i++);
    String principalId = rs.getString(i++);
    WalletId walletId = WalletId.parse(rs.getString(i++));
    ChannelId channelId = ChannelId.fromHex(rs.getString(i++));
    ChannelRole role = ChannelRole.valueOf(rs.getString(i++));
    TronAddress hub = TronAddress.parse(rs.getString(i++));
    Asset asset = Asset.ofKey(rs.getString(i++));
    TronAddress payer = TronAddress.parse(rs.getString(i++));
    TronAddress payee = TronAddress.parse(rs.getString(i++));
    Amount deposit = new Amount(asset, new BigInteger(rs.getString(i++)));
    Amount cumulative = new Amount(asset, new BigInteger(rs.getString(i++)));
    Amount paidOut = new Amount(asset, new BigInteger(rs.getString(i++)));
    Instant expiresAt = Instant.ofEpochSecond(rs.getLong(i++));
    ChannelStatus status = ChannelStatus.valueOf(rs.getString(i++));
    byte[] sig = rs.getBytes(i++);
    Optional<VoucherSignature> signature =
        sig == null ? Optional.empty() : Optional.of(VoucherSignature.of(sig));
    return new ChannelRecord(
        rowId,
        principalId,
        walletId,
        channelId,
        role,
        hub,
        asset,
        payer,
        payee,
        deposit,
        cumulative,
        paidOut,
        expiresAt,
        status,
        signature,
        rs.getLong(i));
  }
}
