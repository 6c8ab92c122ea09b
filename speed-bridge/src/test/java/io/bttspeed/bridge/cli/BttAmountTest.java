package io.bttspeed.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BttAmountTest {

  @ParameterizedTest
  @CsvSource({
    "BTT, 1, 1000000000000000000",
    "BTT, 0.5, 500000000000000000",
    "BTT, .25, 250000000000000000",
    "BTT, 0.000000000000000001, 1",
    "BTT, 12.50, 12500000000000000000",
    "BTTOLD, 3.000001, 3000001",
    "BTTOLD, 0, 0",
  })
  void typedAmountsAreExactBaseUnits(BttAmount token, String typed, String units) {
    assertEquals(new BigInteger(units), token.parse("--bid", typed));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "-1", "+1", "1e3", " 1", "1 ", "1,5", "0x10", "1.2.3", "١", "012", "1."})
  void anythingButDigitsAndOnePointIsRefused(String typed) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BttAmount.BTT.parse("--bid", typed));
    assertEquals(true, e.getMessage().startsWith("--bid"));
  }

  @org.junit.jupiter.api.Test
  void moreDecimalsThanTheTokenHasAreRefusedNotRounded() {
    assertThrows(
        IllegalArgumentException.class, () -> BttAmount.BTTOLD.parse("--budget", "0.0000001"));
    assertThrows(
        IllegalArgumentException.class,
        () -> BttAmount.BTT.parse("--budget", "0.0000000000000000001"));
  }

  @org.junit.jupiter.api.Test
  void hugeOrLongInputIsRefusedBeforeAnyArithmetic() {
    assertThrows(
        IllegalArgumentException.class, () -> BttAmount.BTT.parse("--budget", "9".repeat(101)));
    assertThrows(
        IllegalArgumentException.class, () -> BttAmount.BTT.parse("--budget", "9".repeat(80)));
  }

  @org.junit.jupiter.api.Test
  void shownWithTheBaseUnitsAlongside() {
    assertEquals(
        "0.5 BTT (500000000000000000 base units)", BttAmount.BTT.show("500000000000000000"));
    assertEquals("0 BTTOLD (0 base units)", BttAmount.BTTOLD.show("0"));
  }
}
