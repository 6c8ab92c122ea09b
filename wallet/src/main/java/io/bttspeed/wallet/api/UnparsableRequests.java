package io.bttspeed.wallet.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request body that is not the method's protobuf message with INVALID_ARGUMENT, quietly.
 * grpc-java parses the request in {@code ServerCallImpl} before any interceptor sees it; the
 * protobuf marshaller's failure then escapes to {@code ServerImpl}, which answers UNKNOWN and logs
 * a SEVERE stack trace per request (anyone could flood the log, even through the unauthenticated
 * health service). Wrapping a service here moves the parsing into the listener ({@link
 * ServerInterceptors#useInputStreamMessages}), where a parse failure is caught at one point for
 * every method, streaming ones included. The log gets at most one INFO line per {@link
 * #LOG_EVERY_NANOS}, with the count since the last.
 */
final class UnparsableRequests implements ServerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(UnparsableRequests.class);
  private static final long LOG_EVERY_NANOS = 60_000_000_000L;

  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  /** The service, with every method's request parse failures answered INVALID_ARGUMENT. */
  ServerServiceDefinition guard(ServerServiceDefinition service) {
    return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service), this);
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new ClosingListener<>(next.startCall(call, headers)) {
      @Override
      boolean closeOn(RuntimeException e) {
        if (!(e instanceof StatusRuntimeException
            && e.getCause() instanceof InvalidProtocolBufferException)) {
          return false;
        }
        String method = call.getMethodDescriptor().getFullMethodName();
        noteRefusal(method);
        call.close(
            Status.INVALID_ARGUMENT.withDescription(
                "the request body is not a valid " + method + " request message"),
            new Metadata());
        return true;
      }
    };
  }

  private void noteRefusal(String method) {
    long count = refused.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogNanos.get();
    if (now - last >= LOG_EVERY_NANOS && lastLogNanos.compareAndSet(last, now)) {
      refused.addAndGet(-count);
      LOG.info(
          "refused {} request(s) whose body did not parse as protobuf, the last to {}",
          count,
          method);
    }
  }
}
