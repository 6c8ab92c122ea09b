package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.tron.id.ChannelId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per channel, the newest voucher a buyer sent and the seller has not yet receipted. The last
 * voucher of a download has no later one to carry its amount, so if it was lost (the connection
 * dropped, the seller was not connected when the piece verified, or its wallet was down) the seller
 * would never be paid for the last piece: it goes again until receipted, 3 s after the last send,
 * the wait doubling to at most 48 s. It is a hundred-odd bytes, and giving up after a few tries
 * left a seller whose wallet was down for longer unpaid for good. The seller's wallet takes the
 * same voucher twice as a no-op.
 */
final class UnreceiptedVouchers {
  /** 3 s after a send, doubling to 48 s. */
  static final DoublingWait RESEND = new DoublingWait(Duration.ofSeconds(3), 4);

  /** A voucher sent and not yet receipted. */
  private record Unreceipted(Voucher voucher, long sentAtNanos, int resends) {}

  private final Map<ChannelId, Unreceipted> byChannel = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  UnreceiptedVouchers() {
    this(System::nanoTime);
  }

  /** With {@code nanoTime} for a clock (a test's). */
  UnreceiptedVouchers(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The voucher just went out; it replaces any older one of its channel. */
  void sent(Voucher voucher) {
    byChannel.put(voucher.channel(), new Unreceipted(voucher, nanoTime.getAsLong(), 0));
  }

  /** The seller stored vouchers up to the receipt's total: nothing below it needs sending again. */
  void receipted(Receipt receipt) {
    byChannel.computeIfPresent(
        receipt.channel(),
        (id, u) ->
            u.voucher().cumulativeUnits().compareTo(receipt.cumulativeUnits()) <= 0 ? null : u);
  }

  /**
   * The channel's voucher to send again now, counted as sent; empty if none is due (receipted, or
   * sent within the wait).
   */
  Optional<Voucher> due(ChannelId channel) {
    Unreceipted u = byChannel.get(channel);
    if (u == null) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    if (u.sentAtNanos() != 0L && now - u.sentAtNanos() < RESEND.nanosAfter(u.resends())) {
      return Optional.empty();
    }
    // Only the caller that swaps the entry sends: two ticks never resend the same voucher twice.
    if (!byChannel.replace(channel, u, new Unreceipted(u.voucher(), now, u.resends() + 1))) {
      return Optional.empty();
    }
    return Optional.of(u.voucher());
  }

  /**
   * The seller took a new bid of ours on the channel (a new session, after either side restarted):
   * an unreceipted voucher is due again at once, its wait back to the shortest, since the seller
   * may have refused the earlier ones for want of a bid.
   */
  void renew(ChannelId channel) {
    byChannel.computeIfPresent(channel, (id, u) -> new Unreceipted(u.voucher(), 0L, 0));
  }
}
