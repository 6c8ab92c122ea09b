package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settlement policy driving real settle transactions on the devnet. TRC-10 BTT is priced at 1
 * TRX per base unit so that small test amounts are worth a settle's fee; TRC-20 BTT is priced at
 * nothing, so it never is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettlementWatcherTest {

  private static final BigInteger THRESHOLD = BigInteger.valueOf(100_000);

  @TempDir static Path dir;
  private ChannelNet net;

  @BeforeAll
  void start() {
    SettlementPolicy policy =
        new SettlementPolicy(
            Duration.ofHours(1),
            Duration.ofHours(2),
            2,
            Map.of(
                new Asset.Trc10(ChannelNet.TRC10_BTT),
                new SettlementPolicy.Terms(
                    THRESHOLD,
                    new SettlementPolicy.Rate(BigInteger.ONE, BigInteger.valueOf(1_000_000)))));
    net = new ChannelNet(dir, policy);
    SettlementPolicy.Terms worthless =
        new SettlementPolicy.Terms(
            THRESHOLD, new SettlementPolicy.Rate(BigInteger.ONE, BigInteger.ZERO));
    net.channels.close();
    net.channels =
        Channels.create(
            net.db,
            net.hubs,
            net.gateway,
            net.tron,
            net.wallets,
            new ChannelConfig(
                net.config.expiryMargin(),
                net.config.feeLimitSun(),
                net.config.callTimeout(),
                new SettlementPolicy(
                    policy.checkInterval(),
                    policy.settleBeforeExpiry(),
                    policy.feeFactor(),
                    Map.of(
                        policy.terms().keySet().iterator().next(),
                        policy.terms().values().iterator().next(),
                        net.trc20(),
                        worthless))),
            net.clock);
  }

  @AfterAll
  void stop() {
    net.close();
  }

  private ChannelRecord openAndPay(Asset asset, Duration lifetime, long amount) {
    return net.openAndPay(
        asset, BigInteger.valueOf(1_000_000), lifetime, BigInteger.valueOf(amount));
  }

  private BigInteger paidOut(ChannelRecord c) {
    return net.channels
        .store()
        .find(net.payee.walletId(), c.channelId())
        .orElseThrow()
        .paidOut()
        .units();
  }

  @Test
  void unsettledAmountBelowTheThresholdFarFromExpiryIsLeftAlone() {
    ChannelRecord c = openAndPay(net.trc10(), Duration.ofDays(2), 99_999);
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.ZERO, paidOut(c));
  }

  @Test
  void unsettledAmountAtTheThresholdIsSettledOnChain() {
    ChannelRecord c = openAndPay(net.trc10(), Duration.ofDays(2), 100_000);
    BigInteger before = net.balance(net.trc10(), net.payee.address());
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.valueOf(100_000), paidOut(c));
    assertEquals(
        before.add(BigInteger.valueOf(100_000)), net.balance(net.trc10(), net.payee.address()));
  }

  @Test
  void smallAmountIsSettledOnceTheChannelNearsExpiry() {
    ChannelRecord c = openAndPay(net.trc10(), Duration.ofHours(3), 500);
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.ZERO, paidOut(c));
    net.advance(Duration.ofMinutes(61));
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.valueOf(500), paidOut(c));
  }

  @Test
  void payoutNotWorthTheFeeIsNeverSettled() {
    ChannelRecord c = openAndPay(net.trc20(), Duration.ofDays(2), 900_000);
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.ZERO, paidOut(c));
  }

  @Test
  void aRestartedWatcherStillSettlesWhatWasAcceptedBefore() {
    ChannelRecord c = openAndPay(net.trc10(), Duration.ofDays(2), 150_000);
    net.restartWallet();
    net.channels.watcher().tick(true);
    assertEquals(BigInteger.valueOf(150_000), paidOut(c));
  }
}
