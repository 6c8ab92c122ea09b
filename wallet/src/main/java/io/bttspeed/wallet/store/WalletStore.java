package io.bttspeed.wallet.store;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.id.WalletId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wallet rows, always read through the owning principal so another principal's wallets stay
 * invisible.
 */
public final class WalletStore {

  private static final String COLUMNS =
      "wallet_id, principal_id, label, address, origin, derivation_index, keystore_json, created_at_ms";

  private final Database db;

  public WalletStore(Database db) {
    this.db = db;
  }

  /**
   * Inserts the wallet; a principal importing the same address twice gets {@link
   * AlreadyExistsException}.
   */
  public void insert(WalletRecord w) {
    try {
      db.inTransaction(
          c -> {
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO wallets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
              ins.setString(1, w.walletId().toString());
              ins.setString(2, w.principalId());
              ins.setString(3, w.label());
              ins.setString(4, w.address().base58());
              ins.setString(5, w.origin().name());
              ins.setInt(6, w.derivationIndex());
              ins.setString(7, w.keystoreJson());
              ins.setLong(8, w.createdAtMs());
              ins.executeUpdate();
            }
            return null;
          });
    } catch (StoreException e) {
      if (e.isConstraintViolation()) {
        throw new AlreadyExistsException(
            "you already have a wallet with address "
                + w.address()
                + "; use ListWallets to find it");
      }
      throw e;
    }
  }

  public Optional<WalletRecord> find(String principalId, WalletId walletId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM wallets WHERE principal_id = ? AND wallet_id = ?")) {
            q.setString(1, principalId);
            q.setString(2, walletId.toString());
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Any principal's wallet by id; for the background tracker only, which acts on behalf of the
   * owner.
   */
  public Optional<WalletRecord> findAnyOwner(WalletId walletId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT " + COLUMNS + " FROM wallets WHERE wallet_id = ?")) {
            q.setString(1, walletId.toString());
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * The oldest wallet of anyone, to check at start that the master passphrase opens stored keys.
   */
  public Optional<WalletRecord> oldest() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM wallets ORDER BY created_at_ms, wallet_id LIMIT 1")) {
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Where a page of wallets starts: after this wallet, in (creation time, id) order. */
  public record WalletCursor(long createdAtMs, WalletId walletId) {}

  /**
   * Up to {@code max} of the principal's wallets after the cursor (from the first if empty), oldest
   * first.
   */
  public List<WalletRecord> page(String principalId, Optional<WalletCursor> after, int max) {
    return db.inTransaction(
        c -> {
          String sql =
              "SELECT "
                  + COLUMNS
                  + " FROM wallets WHERE principal_id = ?"
                  + (after.isPresent()
                      ? " AND (created_at_ms > ? OR (created_at_ms = ? AND wallet_id > ?))"
                      : "")
                  + " ORDER BY created_at_ms, wallet_id LIMIT ?";
          try (PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, principalId);
            if (after.isPresent()) {
              q.setLong(i++, after.get().createdAtMs());
              q.setLong(i++, after.get().createdAtMs());
              q.setString(i++, after.get().walletId().toString());
            }
            q.setInt(i, max);
            List<WalletRecord> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
            return out;
          }
        });
  }

  private static WalletRecord read(ResultSet rs) throws SQLException {
    return new WalletRecord(
        WalletId.parse(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        TronAddress.parse(rs.getString(4)),
        WalletOrigin.valueOf(rs.getString(5)),
        rs.getInt(6),
        rs.getString(7),
        rs.getLong(8));
  }
}
