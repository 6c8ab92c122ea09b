package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.id.WalletId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settlement decision alone: threshold, nearness of expiry, and the payout against the fee. */
class SettlementPolicyTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Asset BTT = new Asset.Trc10(1_002_000);
  private static final TronAddress A = TronAddress.parse("41" + "11".repeat(20));
  private static final TronAddress B = TronAddress.parse("41" + "22".repeat(20));

  /**
   * Threshold 1,000 units; 1 unit is worth 10 sun; settle in the last hour; payout must beat twice
   * the fee.
   */
  private static final SettlementPolicy POLICY =
      new SettlementPolicy(
          Duration.ofSeconds(10),
          Duration.ofHours(1),
          2,
          Map.of(
              BTT,
              new SettlementPolicy.Terms(
                  BigInteger.valueOf(1_000),
                  new SettlementPolicy.Rate(BigInteger.ONE, BigInteger.TEN))));

  @ParameterizedTest(
      name =
          "cumulative {0}, paid {1}, expires in {2} min, {3} -> due {4}, worth a {5} sun fee {6}")
  @CsvSource({
    "999,    0, 600, OPEN,    false, 100, true",
    "1000,   0, 600, OPEN,    true,  100, true",
    "1500, 600, 600, OPEN,    false, 100, true",
    "10,     0,  60, OPEN,    true,  100, false",
    "10,     0,  59, OPEN,    true,    4, true",
    "10,     0,  59, OPEN,    true,   50, false",
    "500,  500,  30, OPEN,    false, 100, false",
    "5000,   0, 600, CLOSING, false, 100, true",
  })
  void decidesBySizeTimeAndFee(
      long cumulative,
      long paidOut,
      long minutesLeft,
      ChannelStatus status,
      boolean due,
      long feeSun,
      boolean worth) {
    ChannelRecord r =
        new ChannelRecord(
            1,
            "p",
            WalletId.random(),
            ChannelId.of(new byte[32]),
            ChannelRole.PAYEE,
            A,
            BTT,
            A,
            B,
            new Amount(BTT, BigInteger.valueOf(1_000_000)),
            new Amount(BTT, BigInteger.valueOf(cumulative)),
            new Amount(BTT, BigInteger.valueOf(paidOut)),
            NOW.plus(Duration.ofMinutes(minutesLeft)),
            status,
            Optional.empty(),
            0);
    assertEquals(due, POLICY.due(r, NOW));
    assertEquals(worth, POLICY.worthFee(r, feeSun));
  }
}
