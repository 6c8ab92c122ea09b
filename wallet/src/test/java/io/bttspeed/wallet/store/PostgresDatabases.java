package io.bttspeed.wallet.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, empty PostgreSQL schemas for tests, in the database named by {@value #URL_VARIABLE} (CI
 * starts one with {@code .ci/postgres}). Tests that need it are enabled only when the variable is
 * set.
 */
public final class PostgresDatabases {
  public static final String URL_VARIABLE = "BTTSPEED_TEST_POSTGRES_URL";

  private PostgresDatabases() {}

  /** A JDBC URL whose default schema is a new, empty one. */
  public static String freshSchemaUrl() {
    String base = System.getenv(URL_VARIABLE);
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test schema in " + URL_VARIABLE, e);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
