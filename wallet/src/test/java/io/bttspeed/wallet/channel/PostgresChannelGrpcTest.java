package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.store.PostgresDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Every {@link ChannelGrpcTest} case again with the wallet's state in PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = ".+")
class PostgresChannelGrpcTest extends ChannelGrpcTest {
  @Override
  ChannelNet newNet(SettlementPolicy policy) {
    return new ChannelNet(policy, PostgresDatabases.freshSchemaUrl());
  }
}
