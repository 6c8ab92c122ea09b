package io.bttspeed.wallet.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/** The wallet database: a pooled H2 data source (or plain JDBC for other URLs), migrated by Flyway. */
public final class Database implements AutoCloseable {

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final JdbcConnectionPool pool;

  private Database(DataSource dataSource, JdbcConnectionPool pool) {
    this.dataSource = dataSource;
    this.pool = pool;
  }

  /** Opens the database at the URL and applies pending migrations from {@code db/migration}. */
  public static Database open(String jdbcUrl) {
    JdbcConnectionPool pool = null;
    DataSource dataSource;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      pool = JdbcConnectionPool.create(durable(jdbcUrl), "sa", "");
      pool.setMaxConnections(32);
      dataSource = pool;
    } else {
      dataSource = new DriverManagerDataSource(jdbcUrl);
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new Database(dataSource, pool);
  }

  /**
   * H2 otherwise writes commits to its file up to a second late, so a killed process would lose transfers it
   * had already acknowledged; WRITE_DELAY=0 writes each commit before it returns.
   */
  static String durable(String h2Url) {
    if (h2Url.startsWith("jdbc:h2:mem:") || h2Url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
      return h2Url;
    }
    return h2Url + ";WRITE_DELAY=0";
  }

  /** Runs the work in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
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
      throw new StoreException("database operation failed", e);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.dispose();
    }
  }

  private static final class DriverManagerDataSource implements DataSource {
    private final String url;

    DriverManagerDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
