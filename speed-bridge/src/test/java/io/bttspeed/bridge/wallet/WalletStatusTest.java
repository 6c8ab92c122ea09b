package io.bttspeed.bridge.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.proto.channel.v1.VoucherRefusal;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the wallet's answers become reasons, and so {@code reject} codes: decided on names, never on
 * words.
 */
class WalletStatusTest {

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(Status.Code.FAILED_PRECONDITION, "DEPOSIT_EXHAUSTED", Reason.OVER_DEPOSIT),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "EXPIRED", Reason.EXPIRING),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "STALE_VOUCHER", Reason.STALE_VOUCHER),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "WRONG_ASSET", Reason.BAD_VOUCHER),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "CLOSED", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "CLOSING", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "NOT_PAYEE", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "UNKNOWN_CHANNEL", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "CHAIN_REJECTED", Reason.UNAVAILABLE),
        Arguments.of(Status.Code.FAILED_PRECONDITION, "", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.NOT_FOUND, "", Reason.BAD_CHANNEL),
        Arguments.of(Status.Code.INVALID_ARGUMENT, "", Reason.BAD_VOUCHER),
        Arguments.of(Status.Code.UNAVAILABLE, "", Reason.UNAVAILABLE),
        Arguments.of(Status.Code.DEADLINE_EXCEEDED, "", Reason.UNAVAILABLE),
        Arguments.of(Status.Code.INTERNAL, "", Reason.UNAVAILABLE),
        Arguments.of(Status.Code.PERMISSION_DENIED, "", Reason.UNAVAILABLE));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void eachAnswerHasItsReasonOnUnaryCallsAndOnTheStream(
      Status.Code code, String channelReason, Reason expected) {
    Metadata trailers = new Metadata();
    if (!channelReason.isEmpty()) {
      trailers.put(WalletStatus.CHANNEL_REASON, channelReason);
    }
    assertEquals(
        expected,
        WalletStatus.of(
                "call", Status.fromCode(code).withDescription("words").asRuntimeException(trailers))
            .reason());
    assertEquals(
        expected,
        WalletStatus.of(
                "voucher",
                VoucherRefusal.newBuilder()
                    .setCode(code.name())
                    .setMessage("words")
                    .setChannelReason(channelReason)
                    .build())
            .reason());
  }

  @Test
  void aShortfallIsFundsWhateverTheMessageSays() {
    Metadata trailers = new Metadata();
    trailers.put(WalletStatus.SHORTFALL, "12");
    assertEquals(
        Reason.FUNDS,
        WalletStatus.of(
                "open",
                Status.FAILED_PRECONDITION.withDescription("x").asRuntimeException(trailers))
            .reason());
  }

  @Test
  void anUnknownCodeOnTheStreamIsWorthRetrying() {
    assertEquals(
        Reason.UNAVAILABLE,
        WalletStatus.of("voucher", VoucherRefusal.newBuilder().setCode("NO_SUCH_CODE").build())
            .reason());
  }
}
