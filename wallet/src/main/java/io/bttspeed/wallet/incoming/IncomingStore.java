package io.bttspeed.wallet.incoming;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.ChainPayment;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.CommitSignal;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.EventLog;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Incoming payments and how far the scanner has read, in the wallet database. A payment is kept
 * only if a wallet holds its recipient address when its block is read; a principal sees the
 * payments to its wallets' addresses.
 */
public final class IncomingStore implements EventLog<IncomingPayment> {

  private static final int SCAN_ROW = 1;
  private static final String COLUMNS =
      "p.payment_index, w.wallet_id, p.asset, p.amount_base_units, p.from_address, p.to_address, p.txid,"
          + " p.block_number, p.block_time_ms";

  private final Database db;
  private final CommitSignal commits = new CommitSignal();

  public IncomingStore(Database db) {
    this.db = db;
  }

  @Override
  public CommitSignal commits() {
    return commits;
  }

  /** The last block read, if the scanner has read any. */
  public OptionalLong scannedUpTo() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT block_number FROM incoming_scan WHERE scan_id = ?")) {
            q.setInt(1, SCAN_ROW);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
          }
        });
  }

  /**
   * Records the payments of a block to the wallets' addresses and that the block was read, in one
   * commit, so a block is never half recorded and never recorded twice. Returns how many payments
   * were kept.
   */
  public int recordBlock(long blockNumber, List<ChainPayment> payments) {
    int kept =
        db.inTransaction(
            c -> {
              int n = 0;
              try (PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO incoming_payments (txid, position, to_address, from_address, asset,"
                          + " amount_base_units, block_number, block_time_ms)"
                          + " SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM wallets w WHERE w.address = ?"
                          + " AND NOT EXISTS (SELECT 1 FROM incoming_payments o"
                          + " WHERE o.txid = ? AND o.position = ? AND o.to_address = ?)"
                          + " FETCH FIRST 1 ROWS ONLY")) {
                for (ChainPayment p : payments) {
                  String to = p.to().base58();
                  ins.setString(1, p.txid().hex());
                  ins.setInt(2, p.position());
                  ins.setString(3, to);
                  ins.setString(4, p.from().base58());
                  ins.setString(5, p.amount().asset().key());
                  ins.setString(6, p.amount().units().toString());
                  ins.setLong(7, p.blockNumber());
                  ins.setLong(8, p.blockTimeMs());
                  ins.setString(9, to);
                  ins.setString(10, p.txid().hex());
                  ins.setInt(11, p.position());
                  ins.setString(12, to);
                  n += ins.executeUpdate();
                }
              }
              try (PreparedStatement up =
                  c.prepareStatement(
                      "UPDATE incoming_scan SET block_number = ? WHERE scan_id = ?")) {
                up.setLong(1, blockNumber);
                up.setInt(2, SCAN_ROW);
                if (up.executeUpdate() == 0) {
                  try (PreparedStatement ins =
                      c.prepareStatement(
                          "INSERT INTO incoming_scan (scan_id, block_number) VALUES (?, ?)")) {
                    ins.setInt(1, SCAN_ROW);
                    ins.setLong(2, blockNumber);
                    ins.executeUpdate();
                  }
                }
              }
              return n;
            });
    if (kept > 0) {
      commits.fire();
    }
    return kept;
  }

  /**
   * A page of the principal's incoming payments, in ascending payment index, as ListTransfers
   * pages.
   */
  public List<IncomingPayment> page(
      String principalId,
      Optional<WalletId> walletId,
      long indexOffset,
      int max,
      boolean reversed) {
    String walletFilter = walletId.isPresent() ? " AND w.wallet_id = ?" : "";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM incoming_payments p JOIN wallets w ON w.address = p.to_address"
            + " WHERE w.principal_id = ?"
            + walletFilter
            + (reversed
                ? " AND p.payment_index < ? ORDER BY p.payment_index DESC LIMIT ?"
                : " AND p.payment_index > ? ORDER BY p.payment_index LIMIT ?");
    List<IncomingPayment> rows =
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
                return readAll(q);
              }
            });
    if (reversed) {
      List<IncomingPayment> ascending = new ArrayList<>(rows);
      Collections.reverse(ascending);
      return ascending;
    }
    return rows;
  }

  @Override
  public List<IncomingPayment> events(String principalId, long afterIndex, int limit) {
    return page(principalId, Optional.empty(), afterIndex, limit, false);
  }

  private static List<IncomingPayment> readAll(PreparedStatement q) throws SQLException {
    List<IncomingPayment> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        Asset asset = Asset.ofKey(rs.getString(3));
        out.add(
            new IncomingPayment(
                rs.getLong(1),
                WalletId.parse(rs.getString(2)),
                new Amount(asset, new BigInteger(rs.getString(4))),
                TronAddress.parse(rs.getString(5)),
                TronAddress.parse(rs.getString(6)),
                TxId.parse(rs.getString(7)),
                rs.getLong(8),
                rs.getLong(9)));
      }
    }
    return out;
  }
}
