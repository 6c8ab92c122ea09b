package io.bttspeed.wallet.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every TransferStore case again on PostgreSQL: migrations, idempotency conflicts, paging and
 * events.
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresTransferStoreTest extends TransferStoreTest {
  @Override
  protected String jdbcUrl() {
    return PostgresDatabases.freshSchemaUrl();
  }
}
