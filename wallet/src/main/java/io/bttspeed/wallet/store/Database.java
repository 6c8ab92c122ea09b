package io.bttspeed.wallet.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The wallet database, migrated by Flyway: H2 (the default, pooled by H2 itself) or any other JDBC
 * database the driver is on the classpath for (PostgreSQL is), pooled by HikariCP. The migrations
 * use only SQL both H2 and PostgreSQL accept.
 */
public final class Database implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 32;

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final AutoCloseable pool;
  private final boolean exclusive;

  private Database(DataSource dataSource, AutoCloseable pool, boolean exclusive) {
    this.dataSource = dataSource;
    this.pool = pool;
    this.exclusive = exclusive;
  }

  /**
   * Whether this process is the only one that can use the database: an embedded H2 database, which
   * H2 locks to the process that opened it (unless AUTO_SERVER lets others in), as opposed to a
   * shared PostgreSQL or an H2 server. Then no other wallet process can be in the middle of a call.
   */
  public boolean exclusive() {
    return exclusive;
  }

  static boolean exclusive(String jdbcUrl) {
    String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
    return upper.startsWith("JDBC:H2:")
        && !upper.startsWith("JDBC:H2:TCP:")
        && !upper.startsWith("JDBC:H2:SSL:")
        && !upper.contains(";AUTO_SERVER=TRUE");
  }

  /** Opens the database at the URL and applies pending migrations from {@code db/migration}. */
  public static Database open(String jdbcUrl) {
    DataSource dataSource;
    AutoCloseable pool;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      JdbcConnectionPool h2 = JdbcConnectionPool.create(h2Url(jdbcUrl), "sa", "");
      h2.setMaxConnections(MAX_CONNECTIONS);
      dataSource = h2;
      pool = h2::dispose;
    } else {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(MAX_CONNECTIONS);
      config.setPoolName("wallet-db");
      HikariDataSource hikari = new HikariDataSource(config);
      dataSource = hikari;
      pool = hikari;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      closeQuietly(pool, e);
      throw e;
    }
    return new Database(dataSource, pool, exclusive(jdbcUrl));
  }

  private static void closeQuietly(AutoCloseable pool, RuntimeException cause) {
    try {
      pool.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * H2 otherwise writes commits to its file up to a second late, so a killed process would lose
   * transfers it had already acknowledged; WRITE_DELAY=0 writes each commit before it returns. Each
   * pooled session keeps its parsed statements; H2's default of 8 is fewer than the statements a
   * send runs, so every one would be parsed again.
   */
  static String h2Url(String url) {
    String upper = url.toUpperCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder(url);
    if (!url.startsWith("jdbc:h2:mem:") && !upper.contains(";WRITE_DELAY=")) {
      out.append(";WRITE_DELAY=0");
    }
    if (!upper.contains(";QUERY_CACHE_SIZE=")) {
      out.append(";QUERY_CACHE_SIZE=64");
    }
    return out.toString();
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
    try {
      pool.close();
    } catch (Exception e) {
      throw new StoreException("closing the database pool failed", e);
    }
  }
}
