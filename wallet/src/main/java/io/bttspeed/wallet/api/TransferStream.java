package io.bttspeed.wallet.api;

import io.bttspeed.proto.wallet.v1.TransferEvent;
import io.bttspeed.wallet.store.EventFeed;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.TransferStore;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Serves SubscribeTransfers: the caller's transfer events after the start index, then new ones as
 * they commit, without gaps or duplicates when resumed.
 */
final class TransferStream implements AutoCloseable {
  private final EventFeed<io.bttspeed.wallet.store.TransferEvent> feed;

  TransferStream(TransferStore store) {
    this.feed =
        new EventFeed<>(
            "transfer-stream", store, io.bttspeed.wallet.store.TransferEvent::eventIndex);
  }

  /**
   * Must be called on the call's own thread: gRPC accepts the ready handler only before the call
   * returns.
   */
  void subscribe(
      Principal principal, long startIndex, ServerCallStreamObserver<TransferEvent> observer) {
    FeedStreams.follow(
        feed,
        principal.id(),
        startIndex,
        observer,
        e ->
            TransferEvent.newBuilder()
                .setEventIndex(e.eventIndex())
                .setTransfer(ProtoMapper.transfer(e.transfer()))
                .build());
  }

  @Override
  public void close() {
    feed.close();
  }
}
