package io.bttspeed.devnet.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The store's connection for reads: runs a query and hands each row to a reader, turning any
 * failure into a {@link StoreException} that names the query. Callers hold the store's lock.
 */
final class ReadConnection {
  private final Connection reader;

  ReadConnection(Connection reader) {
    this.reader = reader;
  }

  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  interface RowReader {
    void read(ResultSet row) throws SQLException, InvalidProtocolBufferException;
  }

  void query(String sql, Binder binder, RowReader rows) {
    try (PreparedStatement statement = reader.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.read(rs);
        }
      }
    } catch (SQLException | InvalidProtocolBufferException e) {
      throw new StoreException("chain database query failed: " + sql, e);
    }
  }

  void close() throws SQLException {
    reader.close();
  }
}
