package io.bttspeed.wallet.store;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.id.WalletId;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a transfer is read from its row in {@code transfers} (alias {@code t}). */
final class TransferRows {

  static final String COLUMNS =
      "t.creation_index, t.transfer_id, t.principal_id, t.wallet_id, t.idempotency_key, t.request_hash,"
          + " t.asset, t.from_address, t.to_address, t.amount_base_units, t.fee_limit_sun, t.memo, t.status,"
          + " t.stage, t.txid, t.raw_tx, t.expiration_ms, t.failure_reason, t.fee_sun, t.block_number,"
          + " t.created_at_ms, t.updated_at_ms";

  private TransferRows() {}

  /** The first transfer a {@code WHERE ...} clause with string arguments selects. */
  static Optional<TransferRecord> oneIn(Connection c, String where, String... args)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + COLUMNS + " FROM transfers t " + where)) {
      for (int i = 0; i < args.length; i++) {
        q.setString(i + 1, args[i]);
      }
      List<TransferRecord> rows = readAll(q);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  /** Every transfer a query selecting {@link #COLUMNS} returns, in its order. */
  static List<TransferRecord> readAll(PreparedStatement q) throws SQLException {
    List<TransferRecord> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs, 1));
      }
    }
    return out;
  }

  /** The transfer in the current row, whose {@link #COLUMNS} start at column {@code first}. */
  static TransferRecord read(ResultSet rs, int first) throws SQLException {
    int i = first;
    long creationIndex = rs.getLong(i++);
    String transferId = rs.getString(i++);
    String principalId = rs.getString(i++);
    WalletId walletId = WalletId.parse(rs.getString(i++));
    String key = rs.getString(i++);
    String requestHash = rs.getString(i++);
    Asset asset = Asset.ofKey(rs.getString(i++));
    TronAddress from = TronAddress.parse(rs.getString(i++));
    TronAddress to = TronAddress.parse(rs.getString(i++));
    Amount amount = new Amount(asset, new BigInteger(rs.getString(i++)));
    long feeLimit = rs.getLong(i++);
    String memo = rs.getString(i++);
    TransferStatus status = TransferStatus.valueOf(rs.getString(i++));
    TransferStage stage = TransferStage.valueOf(rs.getString(i++));
    Optional<TxId> txid = Optional.ofNullable(rs.getString(i++)).map(TxId::parse);
    Optional<byte[]> raw = Optional.ofNullable(rs.getBytes(i++));
    return new TransferRecord(
        creationIndex,
        transferId,
        principalId,
        walletId,
        key,
        requestHash,
        amount,
        from,
        to,
        feeLimit,
        memo,
        status,
        stage,
        txid,
        raw,
        rs.getLong(i++),
        rs.getString(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i));
  }
}
