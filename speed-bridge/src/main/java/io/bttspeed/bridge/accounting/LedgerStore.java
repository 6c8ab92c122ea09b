package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The Speed ledgers in the bridge's H2 store (table {@code speed_ledgers}, Flyway V2), the
 * cumulative amount the leecher committed to sign on each channel (table {@code
 * speed_buyer_channels}, V3), and the cumulative the seeder's ledgers counted on each channel
 * (table {@code speed_seller_channels}, V4).
 */
public final class LedgerStore {
  /** Which side of the trade a ledger is on. */
  public enum Role {
    SELLER,
    BUYER
  }

  private final DataSource db;

  public LedgerStore(DataSource db) {
    this.db = db;
  }

  /** The database, shared with the node's other settings (asks, paid slots, bid policies). */
  public DataSource dataSource() {
    return db;
  }

  /** Writes one ledger (insert or replace), committed before it returns. */
  public void save(Role role, LedgerKey key, Ledger ledger) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      write(c, role, key, ledger);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a speed ledger", e);
    }
  }

  /** Writes several ledgers of one role in one transaction. */
  public void saveAll(Role role, Map<LedgerKey, Ledger> batch) {
    inTransaction(
        "cannot store the speed ledgers",
        c -> {
          for (Map.Entry<LedgerKey, Ledger> e : batch.entrySet()) {
            write(c, role, e.getKey(), e.getValue());
          }
        });
  }

  /**
   * Writes a buyer's ledger and the cumulative amount it commits to on {@code channel} in one
   * transaction: after a crash either both say the payment was made or neither does.
   *
   * @param channelHex the channel's id, 64 lower-case hex digits
   */
  public void savePayment(LedgerKey key, Ledger ledger, String channelHex, BigInteger committed) {
    inTransaction(
        "cannot store a speed payment",
        c -> {
          write(c, Role.BUYER, key, ledger);
          try (PreparedStatement s =
              c.prepareStatement(
                  "MERGE INTO speed_buyer_channels (channel_id,"
                      + " committed_units) KEY (channel_id) VALUES (?, ?)")) {
            s.setString(1, channelHex);
            s.setBigDecimal(2, new BigDecimal(committed));
            s.executeUpdate();
          }
        });
  }

  /**
   * Writes a seller's ledger and the cumulative its ledgers have now counted on {@code channel} in
   * one transaction: after a crash a voucher is either counted with its channel or not at all.
   *
   * @param channelHex the channel's id, 64 lower-case hex digits
   */
  public void saveCredit(LedgerKey key, Ledger ledger, String channelHex, BigInteger credited) {
    inTransaction(
        "cannot store an accepted payment",
        c -> {
          write(c, Role.SELLER, key, ledger);
          writeCredited(c, channelHex, credited);
        });
  }

  /** Sets what the seller's ledgers counted on a channel, alone (see {@link SellerLedgers}). */
  public void saveCredited(String channelHex, BigInteger credited) {
    inTransaction("cannot store a channel's count", c -> writeCredited(c, channelHex, credited));
  }

  private static void writeCredited(Connection c, String channelHex, BigInteger credited)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "MERGE INTO speed_seller_channels (channel_id, credited_units) KEY (channel_id)"
                + " VALUES (?, ?)")) {
      s.setString(1, channelHex);
      s.setBigDecimal(2, new BigDecimal(credited));
      s.executeUpdate();
    }
  }

  /** Per channel (hex id), the cumulative the seller's ledgers counted: {@link #saveCredit}. */
  public Map<String, BigInteger> credited() {
    Map<String, BigInteger> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT channel_id, credited_units FROM speed_seller_channels");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the channels' counted payments", e);
    }
    return out;
  }

  /**
   * Whether the store counted accepted vouchers before it kept a count per channel (V4): its
   * channels without a count start from what the wallet holds.
   */
  public boolean countsPredateChannels() {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT legacy FROM speed_seller_channels_origin");
        ResultSet rs = s.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the ledgers' origin", e);
    }
  }

  /** Statements that run on one connection and commit together or not at all. */
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(String failure, Work work) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(failure, e);
    }
  }

  /** The cumulative amount committed on a channel by {@link #savePayment}; zero if none. */
  public BigInteger committed(String channelHex) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT committed_units FROM speed_buyer_channels WHERE channel_id = ?")) {
      s.setString(1, channelHex);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getBigDecimal(1).toBigIntegerExact() : BigInteger.ZERO;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a channel's committed payments", e);
    }
  }

  private static void write(Connection c, Role role, LedgerKey key, Ledger ledger)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "MERGE INTO speed_ledgers (role, info_hash, counterparty, asset,"
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
    }
  }

  /** Every ledger of one role. */
  public Map<LedgerKey, Ledger> load(Role role) {
    Map<LedgerKey, Ledger> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT info_hash, counterparty, asset, owed_numerator, paid_units,"
                    + " bytes_paid, bytes_free FROM speed_ledgers WHERE role = ? ORDER BY info_hash, counterparty, asset")) {
      s.setString(1, role.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Asset asset = Asset.ofKey(rs.getString(3));
          out.put(
              new LedgerKey(
                  new InfoHash(rs.getString(1)), TronAddress.parse(rs.getString(2)), asset),
              new Ledger(
                  asset,
                  rs.getBigDecimal(4).toBigIntegerExact(),
                  rs.getBigDecimal(5).toBigIntegerExact(),
                  rs.getLong(6),
                  rs.getLong(7)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the speed ledgers", e);
    }
    return out;
  }
}
