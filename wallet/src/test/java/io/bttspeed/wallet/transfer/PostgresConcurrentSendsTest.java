package io.bttspeed.wallet.transfer;

import io.bttspeed.wallet.store.PostgresDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The concurrent-send cases again with the transfers stored in PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresConcurrentSendsTest extends ConcurrentSendsTest {
  @Override
  protected Pipeline newPipeline() {
    return new Pipeline(16, PostgresDatabases.freshSchemaUrl());
  }
}
