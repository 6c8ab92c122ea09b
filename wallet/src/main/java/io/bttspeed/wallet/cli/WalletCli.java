package io.bttspeed.wallet.cli;

import io.bttspeed.devnet.cli.UsageErrors;
import io.bttspeed.wallet.id.WalletId;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wallet} command: run the server, make tokens, and call every RPC from a terminal. */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    version = "btt-speed wallet 0.1.0",
    description = "BTT wallet service on TRON: server, tokens, and a client for its gRPC API.",
    subcommands = {
      ServeCommand.class,
      TokenCommand.class,
      WalletsCommand.class,
      BalancesCommand.class,
      EstimateFeeCommand.class,
      SendCli.class,
      TransfersCommand.class,
      IncomingCommand.class,
      ChannelsCommand.class
    })
public final class WalletCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs without exiting, for tests and embedding. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command tree with the handlers that make every error one line (a usage mistake: {@link
   * UsageErrors#EXIT_CODE}; a failure: {@link ClientErrors}) and the parser of every {@code
   * --wallet}; set once here for every subcommand.
   */
  static CommandLine commandLine() {
    return new CommandLine(new WalletCli())
        .registerConverter(WalletId.class, new WalletIdOption())
        .setParameterExceptionHandler(new UsageErrors())
        .setExecutionExceptionHandler(new ClientErrors());
  }
}
