package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.CommitSignal;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.EventLog;
import io.bttspeed.wallet.store.StoreException;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Channels and their lifecycle event log in the wallet database. A voucher update is conditional on
 * the high-water mark it replaces, so two writers can never both move it. Event-writing
 * transactions are serialised so event indexes commit in order and a subscriber never skips one.
 */
public final class ChannelStore implements EventLog<ChannelStore.Event> {

  /** An entry of the event log: the channel as it was right after the change. */
  public record Event(long index, ChannelEventKind kind, ChannelRecord channel, long atMs) {}

  private final Database db;
  private final ReentrantLock eventOrder = new ReentrantLock();
  private final CommitSignal commits = new CommitSignal();

  public ChannelStore(Database db) {
    this.db = db;
  }

  @Override
  public CommitSignal commits() {
    return commits;
  }

  /**
   * Inserts the channel (its rowId is ignored) with an event of {@code kind}; if this wallet
   * already has the channel in this role, nothing is written and the stored row is returned.
   */
  public ChannelRecord insertOrGet(ChannelRecord r, ChannelEventKind kind) {
    try {
      return withEvent(
          kind,
          r.updatedAtMs(),
          c -> {
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO channels (principal_id, wallet_id, channel_id, role, hub_address,"
                        + " asset, payer_address, payee_address, deposit_base_units,"
                        + " paid_out_base_units, expires_at_s, state, updated_at_ms) VALUES (?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"row_id"})) {
              ins.setString(1, r.principalId());
              ins.setString(2, r.walletId().toString());
              ins.setString(3, r.channelId().hex());
              ins.setString(4, r.role().name());
              ins.setString(5, r.hub().base58());
              ins.setString(6, r.asset().key());
              ins.setString(7, r.payer().base58());
              ins.setString(8, r.payee().base58());
              ins.setString(9, r.deposit().units().toString());
              ins.setString(10, r.paidOut().units().toString());
              ins.setLong(11, r.expiresAt().getEpochSecond());
              ins.setString(12, r.status().name());
              ins.setLong(13, r.updatedAtMs());
              ins.executeUpdate();
              long rowId;
              try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                rowId = keys.getLong(1);
              }
              try (PreparedStatement mark =
                  c.prepareStatement(
                      "INSERT INTO channel_marks (row_id, cumulative_base_units, signature) VALUES"
                          + " (?, ?, ?)")) {
                mark.setLong(1, rowId);
                mark.setString(2, r.cumulative().units().toString());
                mark.setBytes(3, r.signature().map(VoucherSignature::bytes).orElse(null));
                mark.executeUpdate();
              }
              return rowId;
            }
          });
    } catch (StoreException e) {
      if (e.isConstraintViolation()) {
        return find(r.walletId(), r.channelId(), r.role())
            .orElseThrow(() -> new StoreException("channel conflict without a row", e));
      }
      throw e;
    }
  }

  /** A move of one channel's high-water mark from {@code previous} to {@code cumulative}. */
  public record VoucherUpdate(
      long rowId, Amount previous, Amount cumulative, VoucherSignature signature) {}

  /**
   * Applies the moves in one transaction; each applies only if its stored mark is still its {@code
   * previous}. Returns, per update, whether it applied.
   */
  public boolean[] recordVouchers(List<VoucherUpdate> updates) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE channel_marks SET cumulative_base_units = ?, signature = ?"
                      + " WHERE row_id = ? AND cumulative_base_units = ?")) {
            for (VoucherUpdate u : updates) {
              up.setString(1, u.cumulative().units().toString());
              up.setBytes(2, u.signature().bytes());
              up.setLong(3, u.rowId());
              up.setString(4, u.previous().units().toString());
              up.addBatch();
            }
            int[] counts = up.executeBatch();
            boolean[] applied = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
              applied[i] = counts[i] == 1;
            }
            return applied;
          }
        });
  }

  /**
   * Stores what the chain says (or a local status change) and, when {@code kind} is given, logs an
   * event.
   */
  public ChannelRecord recordState(ChannelRecord r, Optional<ChannelEventKind> kind) {
    Database.Work<Long> write =
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE channels SET deposit_base_units = ?, paid_out_base_units = ?,"
                      + " expires_at_s = ?, state = ?, updated_at_ms = ? WHERE row_id = ?")) {
            up.setString(1, r.deposit().units().toString());
            up.setString(2, r.paidOut().units().toString());
            up.setLong(3, r.expiresAt().getEpochSecond());
            up.setString(4, r.status().name());
            up.setLong(5, r.updatedAtMs());
            up.setLong(6, r.rowId());
            up.executeUpdate();
          }
          return r.rowId();
        };
    if (kind.isPresent()) {
      return withEvent(kind.get(), r.updatedAtMs(), write);
    }
    db.inTransaction(write);
    return findByRow(r.rowId()).orElseThrow();
  }

  /**
   * Marks an OPENING channel CLOSED (its open never reached the chain), under a lock on its row and
   * only if {@code mayGiveUp}, run in the same transaction, agrees; empty, changing nothing, if the
   * row is no longer OPENING or it does not.
   */
  Optional<ChannelRecord> giveUpOpening(
      ChannelRecord r, long nowMs, Database.Work<Boolean> mayGiveUp) {
    try {
      return Optional.of(
          withEvent(
              ChannelEventKind.CLOSED,
              nowMs,
              c -> {
                try (PreparedStatement lock =
                    c.prepareStatement("SELECT state FROM channels WHERE row_id = ? FOR UPDATE")) {
                  lock.setLong(1, r.rowId());
                  try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()
                        || !rs.getString(1).equals(ChannelStatus.OPENING.name())
                        || !mayGiveUp.run(c)) {
                      throw new KeptOpening();
                    }
                  }
                }
                try (PreparedStatement up =
                    c.prepareStatement(
                        "UPDATE channels SET state = ?, updated_at_ms = ? WHERE row_id = ?")) {
                  up.setString(1, ChannelStatus.CLOSED.name());
                  up.setLong(2, nowMs);
                  up.setLong(3, r.rowId());
                  up.executeUpdate();
                }
                return r.rowId();
              }));
    } catch (KeptOpening e) {
      return Optional.empty();
    }
  }

  /** Rolls back a give-up that must not happen. */
  private static final class KeptOpening extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeptOpening() {
      super(null, null, false, false);
    }
  }

  public Optional<ChannelRecord> find(WalletId walletId, ChannelId channelId, ChannelRole role) {
    return one(
        "WHERE c.wallet_id = ? AND c.channel_id = ? AND c.role = ?",
        walletId.toString(),
        channelId.hex(),
        role.name());
  }

  /**
   * The wallet's side of the channel (a wallet is on one side only, open refuses paying oneself).
   */
  public Optional<ChannelRecord> find(WalletId walletId, ChannelId channelId) {
    return one("WHERE c.wallet_id = ? AND c.channel_id = ?", walletId.toString(), channelId.hex());
  }

  public Optional<ChannelRecord> findByRow(long rowId) {
    return one("WHERE c.row_id = ?", rowId);
  }

  /**
   * The principal's channels, oldest first, filtered by whichever of role, status, counterparty are
   * given.
   */
  public List<ChannelRecord> list(
      String principalId,
      Optional<ChannelRole> role,
      Optional<ChannelStatus> status,
      Optional<TronAddress> counterparty) {
    StringBuilder where = new StringBuilder("WHERE c.principal_id = ?");
    List<String> args = new ArrayList<>(List.of(principalId));
    role.ifPresent(
        r -> {
          where.append(" AND c.role = ?");
          args.add(r.name());
        });
    status.ifPresent(
        s -> {
          where.append(" AND c.state = ?");
          args.add(s.name());
        });
    counterparty.ifPresent(
        a -> {
          where.append(
              " AND ((c.role = 'PAYER' AND c.payee_address = ?) OR (c.role = 'PAYEE' AND"
                  + " c.payer_address = ?))");
          args.add(a.base58());
          args.add(a.base58());
        });
    return all(where + " ORDER BY c.row_id", args.toArray());
  }

  /** Every channel not yet closed, oldest first: the watcher's work list. */
  public List<ChannelRecord> unclosed() {
    return all("WHERE c.state <> ? ORDER BY c.row_id", ChannelStatus.CLOSED.name());
  }

  /** The principal's events after {@code afterIndex}, oldest first, at most {@code limit}. */
  @Override
  public List<Event> events(String principalId, long afterIndex, int limit) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT e.event_index, e.kind, e.deposit_base_units, e.paid_out_base_units,"
                      + " e.expires_at_s, e.state, e.at_ms, e.cumulative_base_units, "
                      + ChannelRows.COLUMNS
                      + " FROM channel_events e JOIN channels c ON c.row_id = e.row_id JOIN"
                      + " channel_marks m ON m.row_id = c.row_id WHERE e.principal_id = ? AND"
                      + " e.event_index > ? ORDER BY e.event_index LIMIT ?")) {
            q.setString(1, principalId);
            q.setLong(2, afterIndex);
            q.setInt(3, limit);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                ChannelRecord now = ChannelRows.read(rs, 9);
                ChannelRecord then =
                    new ChannelRecord(
                        now.rowId(),
                        now.principalId(),
                        now.walletId(),
                        now.channelId(),
                        now.role(),
                        now.hub(),
                        now.asset(),
                        now.payer(),
                        now.payee(),
                        new Amount(now.asset(), new BigInteger(rs.getString(3))),
                        new Amount(now.asset(), new BigInteger(rs.getString(8))),
                        new Amount(now.asset(), new BigInteger(rs.getString(4))),
                        Instant.ofEpochSecond(rs.getLong(5)),
                        ChannelStatus.valueOf(rs.getString(6)),
                        now.signature(),
                        rs.getLong(7));
                out.add(
                    new Event(
                        rs.getLong(1),
                        ChannelEventKind.valueOf(rs.getString(2)),
                        then,
                        rs.getLong(7)));
              }
            }
            return out;
          }
        });
  }

  private ChannelRecord withEvent(ChannelEventKind kind, long atMs, Database.Work<Long> write) {
    ChannelRecord after;
    eventOrder.lock();
    try {
      after =
          db.inTransaction(
              c -> {
                long rowId = write.run(c);
                ChannelRecord r = ChannelRows.oneIn(c, "WHERE c.row_id = ?", rowId).orElseThrow();
                try (PreparedStatement ins =
                    c.prepareStatement(
                        "INSERT INTO channel_events (principal_id, row_id, kind,"
                            + " deposit_base_units, cumulative_base_units, paid_out_base_units,"
                            + " expires_at_s, state, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                  ins.setString(1, r.principalId());
                  ins.setLong(2, r.rowId());
                  ins.setString(3, kind.name());
                  ins.setString(4, r.deposit().units().toString());
                  ins.setString(5, r.cumulative().units().toString());
                  ins.setString(6, r.paidOut().units().toString());
                  ins.setLong(7, r.expiresAt().getEpochSecond());
                  ins.setString(8, r.status().name());
                  ins.setLong(9, atMs);
                  ins.executeUpdate();
                }
                return r;
              });
    } finally {
      eventOrder.unlock();
    }
    commits.fire();
    return after;
  }

  private Optional<ChannelRecord> one(String where, Object... args) {
    return db.inTransaction(c -> ChannelRows.oneIn(c, where, args));
  }

  private List<ChannelRecord> all(String where, Object... args) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT " + ChannelRows.COLUMNS + ChannelRows.FROM + where)) {
            for (int i = 0; i < args.length; i++) {
              q.setObject(i + 1, args[i]);
            }
            return ChannelRows.readAll(q);
          }
        });
  }
}
