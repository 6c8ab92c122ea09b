package io.bttspeed.wallet.cli;

import io.bttspeed.devnet.cli.ErrorLine;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.config.ConfigException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every failure of every command as one line a user can act on, never a stack trace: a call the
 * server refused as its status code and message, with what to change on this side where that is the
 * fix (the server address, the token); a configuration or master passphrase problem as its message;
 * a file by its name; anything else as its message and root cause. The exit code says which (see
 * {@link #exitCode}).
 */
final class ClientErrors implements CommandLine.IExecutionExceptionHandler {

  /**
   * The server refused the call (or could not be reached): the line starts with the gRPC status
   * code.
   */
  static final int CALL_FAILED = 2;

  /** The configuration or the master passphrase is wrong: nothing was done. */
  static final int CONFIGURATION = 3;

  /** Anything else: a file that cannot be read, a server that cannot start. */
  static final int OTHER = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    cmd.getErr()
        .println(cmd.getCommandSpec().qualifiedName() + ": " + ErrorLine.of(describe(e, cmd)));
    cmd.getErr().flush();
    return exitCode(e);
  }

  static int exitCode(Exception e) {
    if (e instanceof StatusRuntimeException) {
      return CALL_FAILED;
    }
    if (e instanceof ConfigException || e instanceof Wallets.WrongMasterPassphraseException) {
      return CONFIGURATION;
    }
    return OTHER;
  }

  private static String describe(Exception e, CommandLine cmd) {
    if (e instanceof StatusRuntimeException s) {
      return describe(s.getStatus(), cmd);
    }
    Throwable root = ErrorLine.rootCause(e);
    if (root instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (root instanceof AccessDeniedException denied) {
      return "cannot read " + denied.getFile() + ": permission denied";
    }
    return ErrorLine.describe(e);
  }

  private static String describe(Status status, CommandLine cmd) {
    String line =
        status.getCode()
            + ": "
            + (status.getDescription() != null
                ? status.getDescription()
                : status.getCause() != null ? ErrorLine.describe(status.getCause()) : "no message");
    if (status.getCause() != null && status.getDescription() != null) {
      String cause = ErrorLine.describe(status.getCause());
      line += line.contains(cause) ? "" : " (" + cause + ")";
    }
    return switch (status.getCode()) {
      case UNAVAILABLE ->
          line + "; is the wallet server running at " + option(cmd, "--server") + "? (--server)";
      case UNAUTHENTICATED ->
          line + "; pass a token with --token or $BTTSPEED_TOKEN ('wallet token create' makes one)";
      case PERMISSION_DENIED ->
          line + "; the token's scopes do not allow this (read < spend < admin)";
      default -> line;
    };
  }

  private static String option(CommandLine cmd, String name) {
    OptionSpec option = cmd.getCommandSpec().findOption(name);
    return option == null ? "the address given" : String.valueOf((Object) option.getValue());
  }
}
