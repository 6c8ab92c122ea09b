package io.bttspeed.tron.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.MalformedValueException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountTest {

  private static final Asset TRC10 = new Asset.Trc10(1_002_000L);

  private static Amount trc10(long units) {
    return new Amount(TRC10, BigInteger.valueOf(units));
  }

  @Test
  void arithmeticKeepsTheAssetAndIsExact() {
    assertEquals(trc10(12), trc10(7).plus(trc10(5)));
    assertEquals(trc10(2), trc10(7).minus(trc10(5)));
    assertEquals(trc10(0), trc10(5).minusOrZero(trc10(7)));
    assertEquals(trc10(7), trc10(7).max(trc10(5)));
    assertTrue(trc10(7).compareTo(trc10(5)) > 0);
    assertTrue(Amount.zero(TRC10).isZero());
  }

  @Test
  void addingPastWhatTheAssetCarriesIsAnErrorNotAWrap() {
    Amount max = new Amount(TRC10, BigInteger.valueOf(Long.MAX_VALUE));
    assertThrows(MalformedValueException.class, () -> max.plus(trc10(1)));
    Amount maxTrc20 =
        new Amount(
            new Asset.Trc20(
                io.bttspeed.tron.address.TronAddress.parse("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH")),
            Asset.UINT256_MAX);
    assertThrows(
        MalformedValueException.class,
        () -> maxTrc20.plus(new Amount(maxTrc20.asset(), BigInteger.ONE)));
  }

  @Test
  void goingBelowZeroOrMixingAssetsIsABugNotAnAmount() {
    assertThrows(IllegalArgumentException.class, () -> trc10(5).minus(trc10(7)));
    Amount trx = Amount.ofSun(5);
    assertThrows(IllegalArgumentException.class, () -> trc10(5).plus(trx));
    assertThrows(IllegalArgumentException.class, () -> trc10(5).compareTo(trx));
  }
}
