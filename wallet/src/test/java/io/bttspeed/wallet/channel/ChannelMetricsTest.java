package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.error.NotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The refusal reason label: a small closed set, never the message (which names channels and
 * amounts).
 */
class ChannelMetricsTest {

  private static final ChannelId CHANNEL = ChannelId.of(new byte[32]);

  @Test
  void aChannelRefusalIsLabelledByItsReason() {
    for (ChannelException.Reason r : ChannelException.Reason.values()) {
      assertEquals(
          r.name().toLowerCase(java.util.Locale.ROOT),
          ChannelMetrics.reason(new ChannelException(CHANNEL, r, "detail 12345")));
    }
    assertEquals(
        "deposit_exhausted",
        ChannelMetrics.reason(
            new ChannelException(CHANNEL, ChannelException.Reason.DEPOSIT_EXHAUSTED, "")));
  }

  @Test
  void anyOtherRefusalIsLabelledByItsKind() {
    assertEquals(
        "invalid_argument",
        ChannelMetrics.reason(new InvalidArgumentException("bad signature 0xabc")));
    assertEquals("not_found", ChannelMetrics.reason(new NotFoundException("no channel 0x01")));
    assertEquals("node_unavailable", ChannelMetrics.reason(new NodeUnavailableException("down")));
  }
}
