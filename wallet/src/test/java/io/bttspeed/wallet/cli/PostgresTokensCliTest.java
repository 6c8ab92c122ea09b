package io.bttspeed.wallet.cli;

import io.bttspeed.wallet.store.PostgresDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every token case again with the wallet's state in PostgreSQL (the V7 migration, revocation's row
 * lock).
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresTokensCliTest extends TokensCliTest {
  @Override
  protected String databaseUrl() {
    return PostgresDatabases.freshSchemaUrl();
  }
}
