package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.store.PostgresDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Every {@link UnlandedTransactionsTest} case again with the wallet's state in PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresUnlandedTransactionsTest extends UnlandedTransactionsTest {
  @Override
  ChannelNet newNet(SettlementPolicy policy) {
    return new ChannelNet(policy, PostgresDatabases.freshSchemaUrl());
  }
}
