package io.bttspeed.wallet.api;

import io.bttspeed.wallet.store.EventFeed;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.function.Function;

/** Connects an {@link EventFeed} to a server-streaming gRPC call, with gRPC's flow control. */
final class FeedStreams {
  private FeedStreams() {}

  /**
   * Must be called on the call's own thread: gRPC accepts the ready handler only before the call
   * returns.
   */
  static <E, P> void follow(
      EventFeed<E> feed,
      String principalId,
      long startIndex,
      ServerCallStreamObserver<P> observer,
      Function<E, P> toProto) {
    observer.setOnReadyHandler(feed::wake);
    observer.setOnCancelHandler(feed::wake);
    feed.subscribe(
        principalId,
        startIndex,
        new EventFeed.Sink<>() {
          @Override
          public boolean cancelled() {
            return observer.isCancelled();
          }

          @Override
          public boolean ready() {
            return observer.isReady();
          }

          @Override
          public void event(E event) {
            observer.onNext(toProto.apply(event));
          }

          @Override
          public void end() {
            observer.onCompleted();
          }

          @Override
          public void error(RuntimeException e) {
            observer.onError(ErrorMapping.toStatus(e));
          }
        });
  }
}
