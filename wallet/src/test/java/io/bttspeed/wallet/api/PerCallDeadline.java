package io.bttspeed.wallet.api;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives each call its own deadline from when it starts, unless the caller set one. A stub's own
 * withDeadlineAfter is one instant for every call made through it, so on a loaded machine a slow
 * case used up the deadline of every case after it.
 */
public final class PerCallDeadline implements ClientInterceptor {

  private final Duration deadline;

  public PerCallDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return next.newCall(
        method,
        options.getDeadline() != null
            ? options
            : options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
  }
}
