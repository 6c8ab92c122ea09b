package io.bttspeed.wallet.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;

/**
 * Forwards to the handler's listener until an interceptor closed the call over something that
 * escaped it; after that the handler gets no more messages or half-close (a unary handler
 * half-closed without its request would try to close the call a second time, which throws).
 */
abstract class ClosingListener<ReqT>
    extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

  private boolean closed;

  ClosingListener(ServerCall.Listener<ReqT> delegate) {
    super(delegate);
  }

  /** Closes the call over this failure and returns true, or returns false to let it propagate. */
  abstract boolean closeOn(RuntimeException e);

  @Override
  public void onMessage(ReqT message) {
    if (closed) {
      return;
    }
    try {
      super.onMessage(message);
    } catch (RuntimeException e) {
      closed = closeOn(e);
      if (!closed) {
        throw e;
      }
    }
  }

  @Override
  public void onHalfClose() {
    if (closed) {
      return;
    }
    try {
      super.onHalfClose();
    } catch (RuntimeException e) {
      closed = closeOn(e);
      if (!closed) {
        throw e;
      }
    }
  }
}
