package io.bttspeed.wallet.api;

import io.bttspeed.proto.wallet.v1.TransferEvent;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.TransferStore;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves SubscribeTransfers: replays the caller's stored events after the start index, then follows new
 * ones as they commit. Events come only from the database in index order, so a resumed stream has neither
 * gaps nor duplicates. One thread per open stream; commits wake them.
 */
final class TransferStream implements AutoCloseable {

  private static final int BATCH = 500;
  private static final long IDLE_WAIT_MS = 1_000;

  private final TransferStore store;
  private final ExecutorService executor;
  private final Object signal = new Object();
  private long version;
  private boolean closed;
  private final Runnable listener = this::wake;

  TransferStream(TransferStore store) {
    this.store = store;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "transfer-stream-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    store.addListener(listener);
  }

  /** Must be called on the call's own thread: gRPC accepts the ready handler only before the call returns. */
  void subscribe(Principal principal, long startIndex, ServerCallStreamObserver<TransferEvent> observer) {
    observer.setOnReadyHandler(this::wake);
    observer.setOnCancelHandler(this::wake);
    executor.execute(() -> pump(principal, startIndex, observer));
  }

  /**
   * Waits while the client's flow-control window is full, so a slow reader holds back this stream instead
   * of filling the server's memory. False when the stream should end.
   */
  private boolean awaitReady(ServerCallStreamObserver<TransferEvent> observer) throws InterruptedException {
    synchronized (signal) {
      while (!observer.isReady() && !observer.isCancelled() && !closed) {
        signal.wait(IDLE_WAIT_MS);
      }
      return !observer.isCancelled() && !closed;
    }
  }

  private void pump(Principal principal, long startIndex, ServerCallStreamObserver<TransferEvent> observer) {
    long cursor = startIndex;
    try {
      pumping:
      while (!observer.isCancelled()) {
        long seen;
        synchronized (signal) {
          if (closed) {
            break;
          }
          seen = version;
        }
        List<io.bttspeed.wallet.store.TransferEvent> events = store.events(principal.id(), cursor, BATCH);
        for (io.bttspeed.wallet.store.TransferEvent e : events) {
          if (!awaitReady(observer)) {
            break pumping;
          }
          observer.onNext(
              TransferEvent.newBuilder()
                  .setEventIndex(e.eventIndex())
                  .setTransfer(ProtoMapper.transfer(e.transfer()))
                  .build());
          cursor = e.eventIndex();
        }
        if (events.size() < BATCH) {
          synchronized (signal) {
            if (version == seen && !closed) {
              signal.wait(IDLE_WAIT_MS);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!observer.isCancelled()) {
        observer.onError(ErrorMapping.toStatus(e));
      }
      return;
    }
    if (!observer.isCancelled()) {
      observer.onCompleted();
    }
  }

  private void wake() {
    synchronized (signal) {
      version++;
      signal.notifyAll();
    }
  }

  /** Wakes and ends every stream without interrupts: an interrupt inside H2 file I/O closes the database. */
  @Override
  public void close() {
    store.removeListener(listener);
    synchronized (signal) {
      closed = true;
      signal.notifyAll();
    }
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
