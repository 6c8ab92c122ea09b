package io.bttspeed.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code speed-bridge}: the daemon ({@code serve}, {@code token}) and the commands that talk to it.
 */
@Command(
    name = "speed-bridge",
    mixinStandardHelpOptions = true,
    // Every subcommand answers --help and --version too: a user asks the command they are about to
    // run.
    scope = CommandLine.ScopeType.INHERIT,
    version = "btt-speed speed-bridge 0.1.0",
    description =
        "An embedded BitTorrent client run as a daemon with a gRPC API (SpeedService), and its CLI.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      TokenCommand.class,
      ClientCommands.Seed.class,
      ClientCommands.Download.class,
      ClientCommands.ListTorrents.class,
      ClientCommands.Show.class,
      ClientCommands.Pause.class,
      ClientCommands.Resume.class,
      ClientCommands.Remove.class,
      ClientCommands.Limits.class,
      MoneyCommands.Ask.class,
      MoneyCommands.Earnings.class,
      MoneyCommands.Spending.class
    })
public final class SpeedBridgeCli {
  private SpeedBridgeCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command line; the exit code is 0 on success, 2 for an error the server reported, 3 for
   * others.
   */
  public static int run(String... args) {
    return new CommandLine(SpeedBridgeCli.class)
        .setExecutionExceptionHandler(new OneLineErrors())
        .execute(args);
  }
}
