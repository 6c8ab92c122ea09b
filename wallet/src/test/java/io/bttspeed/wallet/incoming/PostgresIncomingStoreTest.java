package io.bttspeed.wallet.incoming;

import io.bttspeed.wallet.store.PostgresDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Every IncomingStore case again on PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresIncomingStoreTest extends IncomingStoreTest {
  @Override
  protected String jdbcUrl() {
    return PostgresDatabases.freshSchemaUrl();
  }
}
