package io.bttspeed.wallet.cli;

import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.config.ConfigException;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine;

/** Prints a failed call as its status code and message, not a stack trace. */
final class ClientErrors implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (e instanceof StatusRuntimeException s) {
      cmd.getErr().println(s.getStatus().getCode() + ": " + s.getStatus().getDescription());
      return 2;
    }
    if (e instanceof ConfigException || e instanceof Wallets.WrongMasterPassphraseException) {
      cmd.getErr().println(e.getMessage());
      return 3;
    }
    throw new IllegalStateException(e);
  }
}
