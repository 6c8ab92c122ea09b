package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's options: every value out of range is refused with the option it names. */
class DemoParametersTest {
  private static final BigInteger ASK = BigInteger.TEN.pow(12);

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of(params(0, 1L << 20, 2, 2, 2, 1, ASK, ASK, Duration.ofMinutes(1)), "--size"),
        Arguments.of(
            params(1L << 41, 1L << 20, 2, 2, 2, 1, ASK, ASK, Duration.ofMinutes(1)), "--size"),
        Arguments.of(params(1L << 20, 1023, 2, 2, 2, 1, ASK, ASK, Duration.ofMinutes(1)), "--cap"),
        Arguments.of(
            params(1L << 20, 1L << 20, 0, 2, 2, 1, ASK, ASK, Duration.ofMinutes(1)),
            "--paid-slots"),
        Arguments.of(
            params(1L << 20, 1L << 20, 17, 2, 2, 1, ASK, ASK, Duration.ofMinutes(1)),
            "--paid-slots"),
        Arguments.of(
            params(1L << 20, 1L << 20, 2, -1, 2, 1, ASK, ASK, Duration.ofMinutes(1)), "--bidders"),
        Arguments.of(
            params(1L << 20, 1L << 20, 2, 10, 7, 1, ASK, ASK, Duration.ofMinutes(1)), "--bidders"),
        Arguments.of(
            params(1L << 20, 1L << 20, 2, 0, 0, 1, ASK, ASK, Duration.ofMinutes(1)), "--bidders"),
        Arguments.of(
            params(
                1L << 20,
                1L << 20,
                2,
                2,
                2,
                1,
                ASK.subtract(BigInteger.ONE),
                ASK,
                Duration.ofMinutes(1)),
            "--bid-high"),
        Arguments.of(
            params(1L << 40, 1L << 20, 2, 2, 2, 1, ASK.shiftLeft(20), ASK, Duration.ofMinutes(1)),
            "--size"),
        Arguments.of(params(1L << 20, 1L << 20, 2, 2, 2, 1, ASK, ASK, Duration.ZERO), "--timeout"),
        Arguments.of(
            params(1L << 20, 1L << 20, 2, 2, 2, -1, ASK, ASK, Duration.ofMinutes(1)), "--ordinary"),
        Arguments.of(
            params(1L << 20, 1L << 20, 2, 2, 2, 2, ASK, ASK, Duration.ofMinutes(1)), "--ordinary"));
  }

  @ParameterizedTest
  @MethodSource("outOfRange")
  void aValueOutOfRangeIsRefusedNamingItsOption(Runnable build, String option) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }

  @Test
  void theBiddersComeFirstTheFirstHalfHigh() {
    DemoParameters p =
        new DemoParameters(
            1L << 20, 1L << 20, 2, 3, 1, 1, ASK, ASK.shiftLeft(1), ASK, Duration.ofMinutes(1));
    assertEquals(Role.BIDDER_HIGH, p.role(0));
    assertEquals(Role.BIDDER_HIGH, p.role(1));
    assertEquals(Role.BIDDER_LOW, p.role(2));
    assertEquals(Role.NON_BIDDER, p.role(3));
  }

  /** The ordinary peer is optional, and it alone is no swarm: the daemons' count rule stands. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void theOrdinaryPeerIsOnOrOff(int ordinary) {
    DemoParameters p =
        new DemoParameters(
            1L << 20, 1L << 20, 2, 0, 1, ordinary, ASK, ASK, ASK, Duration.ofMinutes(1));
    assertEquals(ordinary, p.ordinary());
    assertThrows(
        IllegalArgumentException.class,
        params(1L << 20, 1L << 20, 2, 0, 0, ordinary, ASK, ASK, Duration.ofMinutes(1))::run);
  }

  /** Builds the demo from these options, with the ask at {@link #ASK}. */
  private static Runnable params(
      long size,
      long cap,
      int paidSlots,
      int bidders,
      int plain,
      int ordinary,
      BigInteger bidHigh,
      BigInteger bidLow,
      Duration timeout) {
    return () ->
        new DemoParameters(
            size, cap, paidSlots, bidders, plain, ordinary, ASK, bidHigh, bidLow, timeout);
  }
}
