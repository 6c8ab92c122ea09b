package io.bttspeed.wallet.api;

import io.bttspeed.wallet.store.PostgresDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Every WalletService case again with the wallet's state in PostgreSQL (db.url set to a JDBC URL of
 * it).
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresWalletApiTest extends WalletApiTest {
  @Override
  protected WalletFixture newFixture(Path dataDir) {
    return new WalletFixture(dataDir, PostgresDatabases.freshSchemaUrl());
  }
}
