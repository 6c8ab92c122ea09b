package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The settlement watcher takes back the payer's deposit of a channel that has expired by the
 * chain's time, once, without ReclaimChannel being called; the real devnet and H2.
 */
class AutoReclaimTest extends ChannelNetCases {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  private ChannelRecord openAndPay(Duration lifetime, long amount) {
    return net.openAndPay(net.trc10(), DEPOSIT, lifetime, BigInteger.valueOf(amount));
  }

  private ChannelStatus payerSide(ChannelRecord c) {
    return net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow().status();
  }

  private BigInteger payerBalance() {
    return net.balance(net.trc10(), net.payer.address());
  }

  private int reclaimRows(ChannelRecord c) {
    long rowId =
        net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow().rowId();
    return net.db.inTransaction(
        conn -> {
          try (PreparedStatement q =
              conn.prepareStatement(
                  "SELECT COUNT(*) FROM channel_reclaims WHERE row_id = ? AND txid IS NOT NULL")) {
            q.setLong(1, rowId);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Test
  void depositOfAChannelExpiredByTheChainsTimeComesBackWithoutReclaimChannel() {
    ChannelRecord c = openAndPay(Duration.ofHours(2), 300);
    net.channels.payee().settle(net.bob, net.payee.walletId(), c.channelId());
    BigInteger before = payerBalance();

    net.channels.watcher().tick(true);
    assertEquals(ChannelStatus.OPEN, payerSide(c));
    assertEquals(before, payerBalance());

    net.advance(Duration.ofHours(3));
    net.channels.watcher().tick(true);
    net.channels.watcher().tick(true);

    assertEquals(ChannelStatus.CLOSED, payerSide(c));
    assertEquals(before.add(DEPOSIT).subtract(BigInteger.valueOf(300)), payerBalance());
    assertEquals(1, reclaimRows(c));
  }

  /**
   * A reclaim claimed just before a crash may still be on its way: the restarted watcher does not
   * send another until it could no longer land, then reclaims.
   */
  @Test
  void restartedWatcherWaitsOutAReclaimThatMayStillLandThenReclaimsOnce() {
    ChannelRecord c = openAndPay(Duration.ofHours(2), 100);
    BigInteger before = payerBalance();
    net.advance(Duration.ofHours(3));
    long rowId =
        net.channels.store().find(net.payer.walletId(), c.channelId()).orElseThrow().rowId();
    net.db.inTransaction(
        conn -> {
          try (PreparedStatement claimed =
              conn.prepareStatement(
                  "INSERT INTO channel_reclaims (row_id, sent_at_ms) VALUES (?, ?)")) {
            claimed.setLong(1, rowId);
            claimed.setLong(2, net.clock.millis());
            return claimed.executeUpdate();
          }
        });

    net.restartWallet();
    net.channels.watcher().tick(true);
    assertEquals(ChannelStatus.OPEN, payerSide(c));
    assertEquals(before, payerBalance());

    net.advance(Duration.ofMinutes(3));
    net.channels.watcher().tick(true);
    net.channels.watcher().tick(true);

    assertEquals(ChannelStatus.CLOSED, payerSide(c));
    assertEquals(before.add(DEPOSIT), payerBalance());
    assertEquals(1, reclaimRows(c));
  }

  @Test
  void withAutoReclaimOffTheExpiredChannelIsLeftToTheCaller() {
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
                net.config.settlement(),
                false),
            net.clock);
    try {
      ChannelRecord c = openAndPay(Duration.ofHours(2), 100);
      BigInteger before = payerBalance();
      net.advance(Duration.ofHours(3));

      net.channels.watcher().tick(true);

      assertEquals(ChannelStatus.OPEN, payerSide(c));
      assertEquals(before, payerBalance());
      net.channels.payer().reclaim(net.alice, net.payer.walletId(), c.channelId());
      assertEquals(before.add(DEPOSIT), payerBalance());
    } finally {
      net.channels.close();
      net.channels =
          Channels.create(
              net.db, net.hubs, net.gateway, net.tron, net.wallets, net.config, net.clock);
    }
  }
}
