package io.bttspeed.wallet.channel;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases that share one {@link ChannelNet} (a devnet and a wallet database, with manual settlement)
 * for the whole class: H2 here, PostgreSQL in a subclass that overrides {@link #newNet}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelNetCases {

  @TempDir static Path dir;
  ChannelNet net;

  @BeforeAll
  void start() {
    net = newNet(ChannelNet.manualSettlement());
  }

  /** The devnet and wallet database the cases run on; H2 here, PostgreSQL in a subclass. */
  ChannelNet newNet(SettlementPolicy policy) {
    return new ChannelNet(dir, policy);
  }

  @AfterAll
  void stop() {
    net.close();
  }
}
