package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the user told the node to sell and bid, in the bridge's H2 store (Flyway V3): asks per
 * asset, paid slots and bid policies (default and per torrent). Each write is committed before it
 * returns, so the node changes its memory only after the setting is durable and a restarted daemon
 * trades as before.
 */
final class TradingStore {
  private static final String DEFAULT_SCOPE = "*";
  private static final String PAID_SLOTS = "speed_paid_slots";

  private final DataSource db;

  TradingStore(DataSource db) {
    this.db = db;
  }

  Map<Asset, BigInteger> asks() {
    Map<Asset, BigInteger> out = new LinkedHashMap<>();
    query(
        "SELECT asset, price_units FROM speed_asks ORDER BY asset",
        null,
        rs -> {
          out.put(Asset.ofKey(rs.getString(1)), rs.getBigDecimal(2).toBigIntegerExact());
        });
    return out;
  }

  void putAsk(Asset asset, BigInteger price) {
    update(
        "MERGE INTO speed_asks (asset, price_units) KEY (asset) VALUES (?, ?)",
        asset.key(),
        new BigDecimal(price));
  }

  void removeAsk(Asset asset) {
    update("DELETE FROM speed_asks WHERE asset = ?", asset.key());
  }

  Optional<Integer> paidSlots() {
    Integer[] out = {null};
    query(
        "SELECT setting_value FROM settings WHERE setting_name = ?",
        PAID_SLOTS,
        rs -> out[0] = Integer.parseInt(rs.getString(1)));
    return Optional.ofNullable(out[0]);
  }

  void putPaidSlots(int slots) {
    update(
        "MERGE INTO settings (setting_name, setting_value) KEY (setting_name) VALUES (?, ?)",
        PAID_SLOTS,
        Integer.toString(slots));
  }

  /** The per-torrent policies. */
  Map<InfoHash, BidPolicy> policies() {
    Map<InfoHash, BidPolicy> out = new LinkedHashMap<>();
    query(
        "SELECT info_hash, kind, asset, price_units, budget_units, rate FROM speed_bid_policies"
            + " WHERE info_hash <> '*' ORDER BY info_hash",
        null,
        rs -> out.put(new InfoHash(rs.getString(1)), read(rs)));
    return out;
  }

  Optional<BidPolicy> defaultPolicy() {
    BidPolicy[] out = {null};
    query(
        "SELECT info_hash, kind, asset, price_units, budget_units, rate FROM speed_bid_policies"
            + " WHERE info_hash = ?",
        DEFAULT_SCOPE,
        rs -> out[0] = read(rs));
    return Optional.ofNullable(out[0]);
  }

  void putPolicy(InfoHash torrent, BidPolicy policy) {
    put(torrent.hex(), policy);
  }

  void putDefaultPolicy(BidPolicy policy) {
    put(DEFAULT_SCOPE, policy);
  }

  void removePolicy(InfoHash torrent) {
    update("DELETE FROM speed_bid_policies WHERE info_hash = ?", torrent.hex());
  }

  private void put(String scope, BidPolicy policy) {
    String sql =
        "MERGE INTO speed_bid_policies (info_hash, kind, asset, price_units, budget_units, rate)"
            + " KEY (info_hash) VALUES (?, ?, ?, ?, ?, ?)";
    if (policy instanceof BidPolicy.Fixed f) {
      update(
          sql,
          scope,
          "FIXED",
          f.budget().asset().key(),
          new BigDecimal(f.pricePerMib().units()),
          new BigDecimal(f.budget().units()),
          null);
    } else if (policy instanceof BidPolicy.Auto a) {
      update(
          sql,
          scope,
          "AUTO",
          a.budget().asset().key(),
          null,
          new BigDecimal(a.budget().units()),
          a.rate().toPlainString());
    } else {
      update(sql, scope, "NONE", null, null, null, null);
    }
  }

  private static BidPolicy read(ResultSet rs) throws SQLException {
    String kind = rs.getString(2);
    switch (kind) {
      case "NONE":
        return BidPolicy.None.INSTANCE;
      case "FIXED":
        {
          Asset asset = Asset.ofKey(rs.getString(3));
          return new BidPolicy.Fixed(
              new Amount(asset, rs.getBigDecimal(4).toBigIntegerExact()),
              new Amount(asset, rs.getBigDecimal(5).toBigIntegerExact()));
        }
      case "AUTO":
        {
          Asset asset = Asset.ofKey(rs.getString(3));
          return new BidPolicy.Auto(
              new Amount(asset, rs.getBigDecimal(5).toBigIntegerExact()),
              new BigDecimal(rs.getString(6)));
        }
      default:
        throw new IllegalStateException("unknown stored bid policy kind " + kind);
    }
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, String parameter, Row row) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter != null) {
        s.setString(1, parameter);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the speed settings", e);
    }
  }

  private void update(String sql, Object... parameters) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      c.setAutoCommit(
          true); // a pooled connection may come back from a transaction; this write commits itself
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a speed setting", e);
    }
  }
}
