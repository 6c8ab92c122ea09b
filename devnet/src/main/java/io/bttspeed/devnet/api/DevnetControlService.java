package io.bttspeed.devnet.api;

import io.bttspeed.devnet.node.ChainClock;
import io.bttspeed.devnet.node.TronNode;
import io.bttspeed.proto.devnet.v1.AdvanceTimeRequest;
import io.bttspeed.proto.devnet.v1.AdvanceTimeResponse;
import io.bttspeed.proto.devnet.v1.DevnetControlGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import org.tron.trident.proto.Chain.Block;

/**
 * {@code bttspeed.devnet.v1.DevnetControl}: moves the chain's time forward, so a test reaches a
 * channel's expiry without waiting for it.
 */
public final class DevnetControlService extends DevnetControlGrpc.DevnetControlImplBase {
  /** 366 days: more than any channel lives, and a bound on what one call may do. */
  static final long MAX_STEP_SECONDS = 366L * 24 * 60 * 60;

  private final TronNode node;
  private final ChainClock clock;

  public DevnetControlService(TronNode node, ChainClock clock) {
    this.node = node;
    this.clock = clock;
  }

  @Override
  public void advanceTime(
      AdvanceTimeRequest request, StreamObserver<AdvanceTimeResponse> response) {
    long seconds = request.getSeconds();
    // uint64: Java reads one above 2^63 - 1 as negative.
    if (seconds <= 0 || seconds > MAX_STEP_SECONDS) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "seconds must be 1 to "
                      + MAX_STEP_SECONDS
                      + " (366 days), not "
                      + Long.toUnsignedString(seconds))
              .asRuntimeException());
      return;
    }
    try {
      clock.advance(Duration.ofSeconds(seconds));
    } catch (ArithmeticException e) {
      response.onError(Status.OUT_OF_RANGE.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    // Stamped with the new time at once: clients and contracts read the time from the head.
    Block block = node.sealBlock();
    WalletService.reply(
        response,
        AdvanceTimeResponse.newBuilder()
            .setHeadBlockNumber(block.getBlockHeader().getRawData().getNumber())
            .setHeadTimestampMs(block.getBlockHeader().getRawData().getTimestamp())
            .build());
  }
}
