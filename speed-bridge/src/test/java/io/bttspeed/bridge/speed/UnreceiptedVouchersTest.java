package io.bttspeed.bridge.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnreceiptedVouchersTest {
  private static final ChannelId CHANNEL = ChannelId.of(new byte[32]);
  private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
  private final UnreceiptedVouchers unreceipted = new UnreceiptedVouchers(now::get);

  @Test
  void anUnreceiptedVoucherGoesAgainWithADoublingWaitAndNeverGivesUpUntilReceipted() {
    Voucher v = voucher(700);
    unreceipted.sent(v);
    assertEquals(Optional.empty(), unreceipted.due(CHANNEL), "just sent");
    long[] waits = {3, 6, 12, 24, 48, 48, 48, 48, 48, 48};
    for (long wait : waits) {
      advance(wait - 1);
      assertEquals(Optional.empty(), unreceipted.due(CHANNEL), "within the " + wait + " s wait");
      advance(1);
      assertEquals(Optional.of(v), unreceipted.due(CHANNEL), "due after " + wait + " s");
      assertEquals(Optional.empty(), unreceipted.due(CHANNEL), "counted as sent");
    }
    unreceipted.renew(CHANNEL);
    assertEquals(Optional.of(v), unreceipted.due(CHANNEL), "a new bid taken: due at once");
    advance(5);
    assertEquals(Optional.empty(), unreceipted.due(CHANNEL));
    advance(1);
    assertEquals(Optional.of(v), unreceipted.due(CHANNEL), "the waits start over: 6 s after that");

    unreceipted.receipted(new Receipt(CHANNEL, BigInteger.valueOf(699)));
    advance(48);
    assertEquals(Optional.of(v), unreceipted.due(CHANNEL), "a receipt for less leaves it due");
    unreceipted.receipted(new Receipt(CHANNEL, BigInteger.valueOf(700)));
    advance(3600);
    assertTrue(unreceipted.due(CHANNEL).isEmpty(), "receipted: never again");
  }

  @Test
  void aNewerVoucherReplacesTheOlderOne() {
    unreceipted.sent(voucher(1));
    Voucher newer = voucher(2);
    unreceipted.sent(newer);
    advance(3);
    assertEquals(Optional.of(newer), unreceipted.due(CHANNEL));
  }

  private void advance(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  private static Voucher voucher(long cumulative) {
    return new Voucher(CHANNEL, BigInteger.valueOf(cumulative), new byte[65], 0);
  }
}
