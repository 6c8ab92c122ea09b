package io.bttspeed.bridge.wallet;

import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.proto.channel.v1.VoucherRefusal;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one place the wallet service's answers become {@link Reason}s. The wallet names the
 * channel-state reason of a FAILED_PRECONDITION in the trailer {@code bttspeed-channel-reason} (in
 * a stream refusal's {@code channel_reason}), so the decision is on a name, never on the words of a
 * message.
 */
final class WalletStatus {

  static final Metadata.Key<String> CHANNEL_REASON =
      Metadata.Key.of("bttspeed-channel-reason", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> SHORTFALL =
      Metadata.Key.of("bttspeed-shortfall-base-units", Metadata.ASCII_STRING_MARSHALLER);

  private WalletStatus() {}

  /** A failed call, {@code what} saying which (it starts the message). */
  static ChannelWalletException of(String what, StatusRuntimeException e) {
    Metadata trailers = e.getTrailers();
    String channelReason = trailers == null ? null : trailers.get(CHANNEL_REASON);
    boolean shortfall = trailers != null && trailers.get(SHORTFALL) != null;
    Status status = e.getStatus();
    Reason reason = reason(status.getCode(), channelReason == null ? "" : channelReason, shortfall);
    return new ChannelWalletException(reason, what + ": " + describe(status), e);
  }

  /** A voucher the wallet's AcceptVoucherStream refused. */
  static ChannelWalletException of(String what, VoucherRefusal refusal) {
    Status.Code code;
    try {
      code = Status.Code.valueOf(refusal.getCode());
    } catch (IllegalArgumentException e) {
      code = Status.Code.UNKNOWN;
    }
    return new ChannelWalletException(
        reason(code, refusal.getChannelReason(), false),
        what + ": " + refusal.getCode() + ": " + refusal.getMessage());
  }

  static Reason reason(Status.Code code, String channelReason, boolean shortfall) {
    return switch (code) {
      case UNAVAILABLE,
          DEADLINE_EXCEEDED,
          CANCELLED,
          RESOURCE_EXHAUSTED,
          ABORTED,
          UNKNOWN,
          INTERNAL ->
          Reason.UNAVAILABLE;
      case NOT_FOUND -> Reason.BAD_CHANNEL;
      // A malformed or unsigned voucher: the peer's voucher is at fault.
      case INVALID_ARGUMENT -> Reason.BAD_VOUCHER;
      case FAILED_PRECONDITION -> shortfall ? Reason.FUNDS : channelReason(channelReason);
      // A token without the scope or for another principal: this daemon's configuration is wrong.
      default -> Reason.UNAVAILABLE;
    };
  }

  private static Reason channelReason(String name) {
    return switch (name) {
      case "DEPOSIT_EXHAUSTED" -> Reason.OVER_DEPOSIT;
      case "EXPIRED" -> Reason.EXPIRING;
      case "STALE_VOUCHER" -> Reason.STALE_VOUCHER;
      case "WRONG_ASSET" -> Reason.BAD_VOUCHER;
      case "CHAIN_REJECTED" -> Reason.UNAVAILABLE;
      // UNKNOWN_CHANNEL, NOT_OPEN_YET, CLOSING, CLOSED, NOT_PAYEE, NOT_PAYER and anything new.
      default -> Reason.BAD_CHANNEL;
    };
  }

  private static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
  }
}
