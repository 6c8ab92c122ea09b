package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The Speed ledgers in the bridge's H2 store (table {@code speed_ledgers}, Flyway V2). */
public final class LedgerStore {
  /** Which side of the trade a ledger is on. */
  public enum Role { SELLER, BUYER }

  private final DataSource db;

  public LedgerStore(DataSource db) {
    this.db = db;
  }

  /** Writes one ledger (insert or replace), committed before it returns. */
  public void save(Role role, LedgerKey key, Ledger ledger) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("MERGE INTO speed_ledgers (role, info_hash, counterparty, asset,"
            + " owed_numerator, paid_units, bytes_paid, bytes_free) KEY (role, info_hash, counterparty, asset)"
            + " VALUES (?,?,?,?,?,?,?,?)")) {
      s.setString(1, role.name());
      s.setString(2, key.torrent().hex());
      s.setString(3, key.counterparty().hex());
      s.setString(4, key.asset().key());
      s.setBigDecimal(5, new BigDecimal(ledger.owedNumerator()));
      s.setBigDecimal(6, new BigDecimal(ledger.paid()));
      s.setLong(7, ledger.bytesPaid());
      s.setLong(8, ledger.bytesFree());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a speed ledger", e);
    }
  }

  /** Every ledger of one role. */
  public Map<LedgerKey, Ledger> load(Role role) {
    Map<LedgerKey, Ledger> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT info_hash, counterparty, asset, owed_numerator, paid_units,"
            + " bytes_paid, bytes_free FROM speed_ledgers WHERE role = ? ORDER BY info_hash, counterparty, asset")) {
      s.setString(1, role.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Asset asset = Asset.ofKey(rs.getString(3));
          out.put(new LedgerKey(new InfoHash(rs.getString(1)), TronAddress.parse(rs.getString(2)), asset),
              new Ledger(asset, rs.getBigDecimal(4).toBigIntegerExact(), rs.getBigDecimal(5).toBigIntegerExact(),
                  rs.getLong(6), rs.getLong(7)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the speed ledgers", e);
    }
    return out;
  }
}
