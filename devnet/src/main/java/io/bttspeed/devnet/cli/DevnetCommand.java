package io.bttspeed.devnet.cli;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.ListenException;
import io.bttspeed.devnet.chain.Genesis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar devnet.jar}: runs a devnet until interrupted, printing how to reach it. Every
 * mistake on the command line (a bad value, an unknown parameter, options that exclude each other)
 * and every failure to start (a busy port) is one line naming the option, with a non-zero exit
 * code, never a stack trace.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "A local TRON node speaking TRON's gRPC Wallet API, for development and tests.",
    subcommands = AccountsCommand.class)
public final class DevnetCommand implements Callable<Integer> {
  /** Exit code of a devnet that could not start (busy port, unusable data directory). */
  public static final int START_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      description = "gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = DevnetConfig.DEFAULT_PORT;

  @ArgGroup(exclusive = true)
  Storage storage;

  /** Where the chain lives: on disk or in memory, not both. */
  static final class Storage {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        required = true,
        description = "Where the chain is stored (default: devnet-data).")
    Path dataDir;

    @Option(
        names = "--in-memory",
        required = true,
        description = "Keep the chain in memory only; nothing survives a restart.")
    boolean inMemory;
  }

  @Option(names = "--reset", description = "Delete the stored chain and start again from genesis.")
  boolean reset;

  @ArgGroup(exclusive = true)
  Blocks blocks;

  /** When blocks are sealed: on a timer or at once, not both. */
  static final class Blocks {
    @Option(
        names = "--block-interval",
        paramLabel = "MS",
        required = true,
        description = "Seal a block every MS milliseconds (default: 3000).")
    long intervalMs;

    @Option(
        names = "--instant",
        required = true,
        description = "Seal a block as soon as a transaction is accepted.")
    boolean instant;
  }

  @Option(
      names = "--solidity-lag",
      description = "Blocks the solidified block trails the head (default: 0).")
  int solidityLag;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description =
          "Override a chain parameter by its java-tron name, e.g. --param getEnergyFee=210.")
  Map<String, Long> parameters = Map.of();

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command as {@link #main} runs it, with its one-line error handlers; tests run it
   * in-process.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new DevnetCommand())
        .setParameterExceptionHandler(new UsageErrors())
        .setExecutionExceptionHandler(DevnetCommand::startFailed);
  }

  @Override
  public Integer call() throws InterruptedException {
    DevnetConfig config = config();
    Devnet devnet = Devnet.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  devnet.close();
                  stopped.countDown();
                },
                "devnet-shutdown"));
    printReady(devnet, config, spec.commandLine().getOut());
    stopped.await();
    return 0;
  }

  /** The options as a configuration, or a usage error naming the option that cannot work. */
  DevnetConfig config() {
    requireBetween("--port", port, 0, 65_535);
    requireBetween("--solidity-lag", solidityLag, 0, Integer.MAX_VALUE);
    boolean inMemory = storage != null && storage.inMemory;
    if (inMemory && reset) {
      throw usage(
          "--reset and --in-memory exclude each other: an in-memory chain always starts from genesis");
    }
    DevnetConfig config =
        inMemory
            ? DevnetConfig.inMemory().withPort(port)
            : DevnetConfig.persistent(storage == null ? Path.of("devnet-data") : storage.dataDir)
                .withPort(port)
                .withReset(reset);
    config = config.withHost(host).withSolidityLag(solidityLag);
    if (blocks != null && blocks.instant) {
      config = config.withInstantBlocks();
    } else if (blocks != null) {
      requireBetween("--block-interval", blocks.intervalMs, 1, Duration.ofDays(1).toMillis());
      config = config.withBlockInterval(Duration.ofMillis(blocks.intervalMs));
    }
    for (Map.Entry<String, Long> parameter : parameters.entrySet()) {
      try {
        config = config.withParameter(parameter.getKey(), parameter.getValue());
      } catch (IllegalArgumentException e) {
        throw usage(
            "--param " + parameter.getKey() + "=" + parameter.getValue() + ": " + e.getMessage());
      }
    }
    return config;
  }

  private void requireBetween(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(option + " must be between " + min + " and " + max + ", not " + value);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** A devnet that cannot start: one line, and for a port in use the options that change it. */
  private static int startFailed(Exception e, CommandLine cmd, ParseResult parsed) {
    StringBuilder line = new StringBuilder("devnet: ").append(ErrorLine.describe(e));
    if (e instanceof ListenException) {
      line.append("; choose another --port (0 picks a free one) or --host");
    }
    cmd.getErr().println(line);
    cmd.getErr().flush();
    return START_FAILED;
  }

  private static void printReady(Devnet devnet, DevnetConfig config, PrintWriter out) {
    out.printf("devnet ready on %s:%d%n", config.host(), devnet.port());
    out.printf("  chain id      0x%08x (genesis %s)%n", devnet.chainId(), devnet.genesisBlockId());
    out.printf(
        "  blocks        %s%n",
        config
            .blockInterval()
            .map(i -> "every " + i.toMillis() + " ms")
            .orElse("instant (one per accepted transaction)"));
    out.printf("  storage       %s%n", config.dataDir().map(Path::toString).orElse("in memory"));
    out.printf("  witness       %s%n", devnet.witnessAddress());
    out.printf(
        "  TRC-10 BTT    id %s (%s, precision %d)%n",
        Genesis.BTT_TOKEN_ID, Genesis.BTT_ABBR, Genesis.BTT_PRECISION);
    out.printf("  TRC-20 BTT    %s (18 decimals)%n", devnet.bttTokenAddress());
    out.printf(
        "  channels      %s (TRC-20), %s (TRC-10)%n",
        devnet.speedChannelsAddress(), devnet.speedChannelsTrc10Address());
    out.printf(
        "development accounts, 1,000,000 TRX + 1,000,000 BTT (TRC-10) + 1,000,000 BTT (TRC-20) each%n"
            + "  (mnemonic \"%s\", path m/44'/195'/0'/0/i):%n",
        Genesis.DEV_MNEMONIC);
    for (DevelopmentAccount account : devnet.developmentAccounts()) {
      out.printf("  [%d] %s%n", account.index(), account.address());
    }
    out.println(
        "their keys (for Trident's ApiWrapper and the like): java -jar devnet.jar accounts");
    out.println("Ctrl-C stops the node; the chain is kept unless it is in memory.");
    out.flush();
  }
}
