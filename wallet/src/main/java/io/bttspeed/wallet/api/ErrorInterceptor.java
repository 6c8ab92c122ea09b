package io.bttspeed.wallet.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Turns an exception escaping a handler into a status via {@link ErrorMapping}, so handlers just throw and
 * no error reaches a client as UNKNOWN.
 */
public final class ErrorInterceptor implements ServerInterceptor {

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      close(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      /** Once the call is closed on an error, the handler gets no more messages or half-close. */
      private boolean closed;

      @Override
      public void onMessage(ReqT message) {
        if (closed) {
          return;
        }
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          closed = true;
          close(call, e);
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
          closed = true;
          close(call, e);
        }
      }
    };
  }

  private static void close(ServerCall<?, ?> call, RuntimeException e) {
    StatusRuntimeException status = ErrorMapping.toStatus(e);
    Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
    call.close(status.getStatus(), trailers);
  }
}
