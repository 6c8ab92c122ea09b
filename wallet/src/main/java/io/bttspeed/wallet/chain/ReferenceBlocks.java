package io.bttspeed.wallet.chain;

import static io.bttspeed.wallet.chain.NodeCalls.call;
import static io.bttspeed.wallet.chain.NodeCalls.unavailable;

import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * The node's head block as the reference block of the transactions built here (TaPoS and
 * expiration), cached for a few seconds so a send does not pay a round trip for it.
 */
final class ReferenceBlocks {

  private static final Duration MAX_AGE = Duration.ofSeconds(3);

  record RefBlock(long number, byte[] id, long timestampMs, long fetchedAtMs) {}

  private final ApiWrapper api;
  private final Clock clock;
  private final Object lock = new Object();
  private RefBlock refBlock;

  ReferenceBlocks(ApiWrapper api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** The cached reference block, read again once it is older than {@link #MAX_AGE}. */
  RefBlock cached() {
    synchronized (lock) {
      if (refBlock == null || clock.millis() - refBlock.fetchedAtMs() > MAX_AGE.toMillis()) {
        refBlock = readHead();
      }
      return refBlock;
    }
  }

  /**
   * A fresh read of the head, which also replaces the cached block. It is made outside the lock:
   * payers ask for the head before every voucher and must not queue behind one another's round
   * trips.
   */
  RefBlock fresh() {
    RefBlock read = readHead();
    synchronized (lock) {
      refBlock = read;
    }
    return read;
  }

  private RefBlock readHead() {
    Response.BlockExtention head = headBlock();
    Chain.BlockHeader.raw header = head.getBlockHeader().getRawData();
    return new RefBlock(
        header.getNumber(), head.getBlockid().toByteArray(), header.getTimestamp(), clock.millis());
  }

  /**
   * GetBlock without detail leaves the transactions out (a mainnet block carries hundreds); a node
   * older than that call answers getNowBlock2 instead.
   */
  private Response.BlockExtention headBlock() {
    try {
      return api.blockingStub.getBlock(GrpcAPI.BlockReq.newBuilder().setDetail(false).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw unavailable("getBlock", e);
      }
      return call(
          "getNowBlock2",
          () -> api.blockingStub.getNowBlock2(GrpcAPI.EmptyMessage.getDefaultInstance()));
    }
  }
}
