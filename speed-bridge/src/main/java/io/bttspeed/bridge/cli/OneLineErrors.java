package io.bttspeed.bridge.cli;

import io.bttspeed.wallet.error.WalletException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Errors as one line a user can act on: which server, whether it runs, what was refused; never a
 * stack trace.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (e instanceof StatusRuntimeException s) {
      Status status = s.getStatus();
      if (status.getCode() == Status.Code.UNAVAILABLE) {
        String server = ClientOptions.serverOf(cmd);
        cmd.getErr()
            .println(
                "cannot reach the speed-bridge daemon at "
                    + server
                    + ": is `speed-bridge serve` running there? ("
                    + status.getDescription()
                    + ")");
      } else {
        cmd.getErr().println(status.getCode() + ": " + status.getDescription());
      }
      return 2;
    }
    if (e instanceof WalletException
        || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof IllegalStateException) {
      cmd.getErr().println(e.getMessage());
      return 3;
    }
    cmd.getErr().println("unexpected error: " + e);
    return 3;
  }
}
