package io.bttspeed.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.speed.v1.TorrentState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel nobody closes, through its end, across kills: after a paid download the channel is left
 * open; the devnet's clock is moved into the channel's settlement window and the wallet service is
 * killed, then past its expiry and the devnet is killed. The payee's wallet must settle exactly the
 * accepted total before the expiry (else the payer's reclaim would take it), and the payer's wallet
 * must reclaim exactly the rest after it, once each: the seeder ends up with exactly what it
 * accepted, the leecher has paid exactly that, and both sides see the channel closed.
 *
 * <p>How long after each jump the kill comes (0 to 3 s: before the watcher's settle or reclaim,
 * while it is on its way, or after it landed) is drawn from a seed, printed first; {@code
 * -Dexpiry.seed=N} replays it.
 */
@Timeout(600)
class ChannelExpiryRunTest {
  /** Long enough at the 1 MiB/s cap for the channel to open and carry most of it. */
  private static final int SIZE = 16 * 1024 * 1024 + 1234;

  /**
   * 10^13 base units of TRC-20 BTT per MiB: with the price of BTT below, the payout of some MiB is
   * worth more than the settle costs, so the watcher settles it.
   */
  private static final BigInteger ASK = BigInteger.TEN.pow(13);

  private static final BigInteger BID = ASK.multiply(BigInteger.valueOf(2));

  /**
   * The wallet's watcher looks every second and values BTT high enough to settle a small payout.
   */
  private static final List<String> WALLET_SETTINGS =
      List.of(
          "channels.settle.check-interval-ms=1000", "channels.settle.sun-per-btt=1000000000000");

  /** Inside the wallet's default settlement window (the last 30 minutes before expiry). */
  private static final Duration INTO_THE_WINDOW = Duration.ofMinutes(20);

  private static final int MAX_KILL_DELAY_MILLIS = 3_000;

  @TempDir Path dir;

  @Test
  void aChannelLeftOpenIsSettledBeforeItsExpiryAndReclaimedAfterItAcrossKills() throws Exception {
    long seed = Long.getLong("expiry.seed", new SecureRandom().nextLong());
    Random random = new Random(seed);
    int walletKillDelay = random.nextInt(MAX_KILL_DELAY_MILLIS + 1);
    int devnetKillDelay = random.nextInt(MAX_KILL_DELAY_MILLIS + 1);
    System.out.println(
        "channel expiry run seed "
            + seed
            + " (replay: mvn -B -ntp -q -pl integration-tests -am verify"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ChannelExpiryRunTest -Dexpiry.seed="
            + seed
            + "): the wallet killed "
            + walletKillDelay
            + " ms into the settlement window, the devnet "
            + devnetKillDelay
            + " ms after the expiry");

    try (SystemSwarm swarm =
        new SystemSwarm(dir.resolve("system"), List.of("seeder", "leecher"), WALLET_SETTINGS)) {
      SystemSwarm.Daemon seeder = swarm.daemon("seeder");
      SystemSwarm.Daemon leecher = swarm.daemon("leecher");
      BigInteger seederBefore = seeder.btt();
      BigInteger leecherBefore = leecher.btt();

      PaidTrade trade = PaidTrade.start(seeder, leecher, dir, SIZE, seed, ASK, BID);
      PaidTrade.poll(Duration.ofSeconds(120), "the download to complete")
          .until(
              () ->
                  PaidTrade.torrent(leecher, trade.infoHash()).getState()
                      == TorrentState.TORRENT_STATE_SEEDING);
      assertArrayEquals(
          trade.bytes(), Files.readAllBytes(trade.out().resolve(PaidTrade.FILE)), "it verifies");
      PaidTrade.poll(Duration.ofSeconds(120), "the last vouchers to be signed and accepted")
          .until(() -> PaidTrade.vouchersAtRest(seeder, leecher));

      Channel payee = DaemonViews.openChannel(seeder, ChannelRole.CHANNEL_ROLE_PAYEE).orElseThrow();
      BigInteger accepted = new BigInteger(payee.getCumulativeBaseUnits());
      assertTrue(accepted.signum() > 0, "bytes came through the paid slot: " + payee);
      assertEquals(
          new BigInteger(DaemonViews.earnings(seeder).getVoucheredBaseUnits()),
          accepted,
          "the seeder counted what its wallet stored");
      assertEquals(
          payee.getChannelId(),
          DaemonViews.openChannel(leecher, ChannelRole.CHANNEL_ROLE_PAYER)
              .orElseThrow()
              .getChannelId());
      Instant expiry = Instant.ofEpochMilli(payee.getExpiresAtUnixMs());
      System.out.println(
          "accepted "
              + accepted
              + " base units on channel "
              + payee.getChannelId()
              + ", expiring "
              + expiry);

      // Into the settlement window, and the wallet service killed on the way in.
      swarm.advanceChainTimeTo(expiry.minus(INTO_THE_WINDOW));
      // A deliberate delay, part of the fault, not a wait for something to happen.
      Thread.sleep(walletKillDelay);
      swarm.killWallet();
      swarm.startWallet();
      BigInteger seederAfter = seederBefore.add(accepted);
      PaidTrade.poll(Duration.ofSeconds(120), "the payee's wallet to settle the accepted total")
          .until(() -> seeder.btt().equals(seederAfter));
      // The wallet records the payout once it reads the settle back from the chain.
      PaidTrade.poll(Duration.ofSeconds(60), "the payee's wallet to record the payout")
          .until(
              () ->
                  channel(seeder, payee.getChannelId())
                      .getPaidOutBaseUnits()
                      .equals(accepted.toString()));
      Channel settled = channel(seeder, payee.getChannelId());
      assertTrue(
          settled.getState() != ChannelState.CHANNEL_STATE_CLOSED,
          "a settle leaves the channel open until its expiry: " + settled);
      assertEquals(seederAfter, seeder.btt(), "settled once");

      // Past the expiry, and the devnet killed on the way out.
      swarm.advanceChainTimeTo(expiry.plus(Duration.ofMinutes(1)));
      Thread.sleep(devnetKillDelay);
      swarm.killDevnet();
      swarm.startDevnet();
      BigInteger leecherAfter = leecherBefore.subtract(accepted);
      PaidTrade.poll(Duration.ofSeconds(120), "the payer's wallet to reclaim the rest")
          .until(
              () ->
                  leecher.btt().equals(leecherAfter)
                      && channel(leecher, payee.getChannelId()).getState()
                          == ChannelState.CHANNEL_STATE_CLOSED);
      PaidTrade.poll(Duration.ofSeconds(60), "the payee's side to see the channel closed")
          .until(
              () ->
                  channel(seeder, payee.getChannelId()).getState()
                      == ChannelState.CHANNEL_STATE_CLOSED);
      assertEquals(seederAfter, seeder.btt(), "the seeder was paid exactly once");
      assertEquals(leecherAfter, leecher.btt(), "the leecher paid exactly what was accepted");
    }
  }

  private static Channel channel(SystemSwarm.Daemon daemon, String channelId) {
    return daemon
        .channels()
        .getChannel(
            ChannelRef.newBuilder().setWalletId(daemon.walletId).setChannelId(channelId).build())
        .getChannel();
  }
}
