package io.bttspeed.bridge.store;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The daemon's torrents in H2 under the data directory (migrated by Flyway from {@code db/bridge}).
 */
public final class TorrentStore implements AutoCloseable {
  private final JdbcConnectionPool pool;

  private TorrentStore(JdbcConnectionPool pool) {
    this.pool = pool;
  }

  /** Opens (creating and migrating) the store in {@code dataDirectory}/bridge.mv.db. */
  public static TorrentStore open(Path dataDirectory) {
    // WRITE_DELAY=0: a torrent acknowledged to the user is on disk before the reply, even if the
    // process is killed.
    return openUrl(
        "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("bridge") + ";WRITE_DELAY=0");
  }

  public static TorrentStore openUrl(String url) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/bridge").load().migrate();
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    return new TorrentStore(pool);
  }

  /**
   * The store's database, for the Speed ledgers that live beside the torrents (bridge.accounting).
   */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  /** Inserts a new torrent; false when its infohash is already stored (nothing changes then). */
  public boolean insert(TorrentRecord r) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT 1 FROM torrents WHERE info_hash = ?")) {
            s.setString(1, r.infoHash().hex());
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO torrents (info_hash, name, metainfo, magnet,"
                      + " download_dir, peers, state, up_cap_bps, down_cap_bps, added_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            bind(s, r);
            s.executeUpdate();
          }
          return true;
        });
  }

  /** Rewrites a stored torrent's mutable columns. */
  public void update(TorrentRecord r) {
    run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE torrents SET name = ?, metainfo = ?, state = ?,"
                      + " up_cap_bps = ?, down_cap_bps = ? WHERE info_hash = ?")) {
            s.setString(1, r.name());
            s.setBytes(2, r.metainfo().orElse(null));
            s.setString(3, r.paused() ? "PAUSED" : "RUNNING");
            s.setLong(4, r.upCapBytesPerSecond());
            s.setLong(5, r.downCapBytesPerSecond());
            s.setString(6, r.infoHash().hex());
            s.executeUpdate();
          }
          return null;
        });
  }

  public boolean delete(InfoHash infoHash) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM torrents WHERE info_hash = ?")) {
            s.setString(1, infoHash.hex());
            return s.executeUpdate() == 1;
          }
        });
  }

  public Optional<TorrentRecord> find(InfoHash infoHash) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT * FROM torrents WHERE info_hash = ?")) {
            s.setString(1, infoHash.hex());
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Every stored torrent, oldest first. */
  public List<TorrentRecord> all() {
    return run(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT * FROM torrents ORDER BY added_at_ms, info_hash");
              ResultSet rs = s.executeQuery()) {
            List<TorrentRecord> out = new ArrayList<>();
            while (rs.next()) {
              out.add(read(rs));
            }
            return out;
          }
        });
  }

  public Optional<String> setting(String name) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT setting_value FROM settings WHERE setting_name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  public void putSetting(String name, String value) {
    run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "MERGE INTO settings (setting_name, setting_value) KEY (setting_name) VALUES (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
          }
          return null;
        });
  }

  private static void bind(PreparedStatement s, TorrentRecord r) throws SQLException {
    s.setString(1, r.infoHash().hex());
    s.setString(2, r.name());
    s.setBytes(3, r.metainfo().orElse(null));
    s.setString(4, r.magnet().orElse(null));
    s.setString(5, r.downloadDirectory().toString());
    s.setString(6, String.join(" ", r.peers().stream().map(PeerAddress::toString).toList()));
    s.setString(7, r.paused() ? "PAUSED" : "RUNNING");
    s.setLong(8, r.upCapBytesPerSecond());
    s.setLong(9, r.downCapBytesPerSecond());
    s.setLong(10, r.addedAt().toEpochMilli());
  }

  private static TorrentRecord read(ResultSet rs) throws SQLException {
    String peers = rs.getString("peers");
    List<PeerAddress> peerList =
        peers.isBlank()
            ? List.of()
            : Arrays.stream(peers.split(" ")).map(PeerAddress::parse).toList();
    return new TorrentRecord(
        new InfoHash(rs.getString("info_hash")),
        rs.getString("name"),
        Optional.ofNullable(rs.getBytes("metainfo")),
        Optional.ofNullable(rs.getString("magnet")),
        Path.of(rs.getString("download_dir")),
        peerList,
        "PAUSED".equals(rs.getString("state")),
        rs.getLong("up_cap_bps"),
        rs.getLong("down_cap_bps"),
        Instant.ofEpochMilli(rs.getLong("added_at_ms")));
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs one transaction. */
  private <T> T run(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the torrent store failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
