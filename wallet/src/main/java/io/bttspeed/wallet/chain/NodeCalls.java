package io.bttspeed.wallet.chain;

import com.google.common.util.concurrent.ListenableFuture;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How a call to the node fails: every gRPC error of the node is {@link NodeUnavailableException},
 * named by call.
 */
final class NodeCalls {

  private NodeCalls() {}

  static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw unavailable(what, e);
    }
  }

  static <T> T await(String what, ListenableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException sre) {
        throw unavailable(what, sre);
      }
      throw new NodeUnavailableException(
          "the TRON node call " + what + " failed; try again later", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnavailableException(
          "interrupted while waiting for the TRON node (" + what + ")", e);
    }
  }

  static NodeUnavailableException unavailable(String what, StatusRuntimeException e) {
    return new NodeUnavailableException(
        "the TRON node did not answer "
            + what
            + " ("
            + e.getStatus().getCode()
            + "); try again later",
        e);
  }
}
