package io.bttspeed.wallet.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Turns an exception escaping a handler into a status via {@link ErrorMapping}, so handlers just
 * throw and no error reaches a client as UNKNOWN.
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
    return new ClosingListener<>(delegate) {
      @Override
      boolean closeOn(RuntimeException e) {
        close(call, e);
        return true;
      }
    };
  }

  /** Closes {@code call} with the status {@link ErrorMapping} gives {@code e}. */
  static void close(ServerCall<?, ?> call, RuntimeException e) {
    StatusRuntimeException status = ErrorMapping.toStatus(e);
    Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
    call.close(status.getStatus(), trailers);
  }
}
