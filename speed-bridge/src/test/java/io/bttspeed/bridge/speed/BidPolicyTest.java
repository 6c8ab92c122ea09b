package io.bttspeed.bridge.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidPolicyTest {
  static final Asset BTT = new Asset.Trc10(1002000);

  @ParameterizedTest(name = "rate {0}, budget {1}, {2} bytes left -> {3} per MiB")
  @CsvSource({
    "1, 1000, 1048576, 1000", // one MiB left: the whole budget
    "1, 1000, 10485760, 100", // ten MiB left: a tenth per MiB
    "0.5, 1000, 1048576, 500", // half the rate, half the bid
    "1, 1000, 3145728, 333", // 333.33 rounds down
    "1, 1000, 1, 1048576000", // one byte left: per-MiB price of the budget
    "1, 0, 1048576, 0", // no budget left: no bid
    "1, 1000, 0, 0"
  }) // nothing left: no bid
  void autoBidIsRateTimesRemainingBudgetPerRemainingMiB(
      String rate, long budget, long bytes, long bid) {
    BidPolicy.Auto auto = new BidPolicy.Auto(new Amount(BTT, BigInteger.ONE), new BigDecimal(rate));
    assertEquals(BigInteger.valueOf(bid), auto.bid(BigInteger.valueOf(budget), bytes));
  }

  @ParameterizedTest(name = "{0} -> {1}: resend {2}")
  @CsvSource({
    "100, 110, false",
    "100, 111, true",
    "100, 90, false",
    "100, 89, true",
    "0, 1, true",
    "0, 0, false"
  })
  void anAutoBidIsResentOnlyWhenItMovesByMoreThanTenPercent(long last, long next, boolean resend) {
    assertEquals(
        resend, BidPolicy.Auto.movedEnough(BigInteger.valueOf(last), BigInteger.valueOf(next)));
  }

  @Test
  void policiesRefuseNonsense() {
    Amount one = new Amount(BTT, BigInteger.ONE);
    Amount zero = new Amount(BTT, BigInteger.ZERO);
    assertThrows(IllegalArgumentException.class, () -> new BidPolicy.Fixed(zero, one));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BidPolicy.Fixed(one, new Amount(new Asset.Trc10(1000001), BigInteger.ONE)));
    assertThrows(IllegalArgumentException.class, () -> new BidPolicy.Auto(one, BigDecimal.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new BidPolicy.Auto(zero, BigDecimal.ONE));
  }
}
