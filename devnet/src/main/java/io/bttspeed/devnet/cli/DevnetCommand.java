package io.bttspeed.devnet.cli;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.chain.Genesis;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar devnet.jar}: runs a devnet until interrupted, printing how to reach it. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = "A local TRON node speaking TRON's gRPC Wallet API, for development and tests.")
public final class DevnetCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = DevnetConfig.DEFAULT_PORT;

  @Option(names = "--data-dir", description = "Where the chain is stored (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("devnet-data");

  @Option(names = "--in-memory", description = "Keep the chain in memory only; nothing survives a restart.")
  boolean inMemory;

  @Option(names = "--reset", description = "Delete the stored chain and start again from genesis.")
  boolean reset;

  @Option(names = "--block-interval", paramLabel = "MS",
      description = "Seal a block every MS milliseconds (default: ${DEFAULT-VALUE}).")
  long blockIntervalMs = DevnetConfig.DEFAULT_BLOCK_INTERVAL.toMillis();

  @Option(names = "--instant", description = "Seal a block as soon as a transaction is accepted.")
  boolean instant;

  @Option(names = "--solidity-lag", description = "Blocks the solidified block trails the head (default: 0).")
  int solidityLag;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Override a chain parameter by its java-tron name, e.g. --param getEnergyFee=210.")
  Map<String, Long> parameters = Map.of();

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new DevnetCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    DevnetConfig config = inMemory ? DevnetConfig.inMemory().withPort(port) : DevnetConfig.persistent(dataDir)
        .withPort(port).withReset(reset);
    config = config.withHost(host).withSolidityLag(solidityLag);
    config = instant ? config.withInstantBlocks() : config.withBlockInterval(Duration.ofMillis(blockIntervalMs));
    for (Map.Entry<String, Long> parameter : parameters.entrySet()) {
      config = config.withParameter(parameter.getKey(), parameter.getValue());
    }
    Devnet devnet = Devnet.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      devnet.close();
      stopped.countDown();
    }, "devnet-shutdown"));
    printReady(devnet, config, System.out);
    stopped.await();
    return 0;
  }

  private static void printReady(Devnet devnet, DevnetConfig config, PrintStream out) {
    out.printf("devnet ready on %s:%d%n", config.host(), devnet.port());
    out.printf("  chain id      0x%08x (genesis %s)%n", devnet.chainId(), devnet.genesisBlockId());
    out.printf("  blocks        %s%n", config.blockInterval()
        .map(i -> "every " + i.toMillis() + " ms").orElse("instant (one per accepted transaction)"));
    out.printf("  storage       %s%n", config.dataDir().map(Path::toString).orElse("in memory"));
    out.printf("  witness       %s%n", devnet.witnessAddress());
    out.printf("  TRC-10 BTT    id %s (%s, precision %d)%n", Genesis.BTT_TOKEN_ID, Genesis.BTT_ABBR,
        Genesis.BTT_PRECISION);
    out.printf("  TRC-20 BTT    %s (18 decimals)%n", devnet.bttTokenAddress());
    out.printf("  channels      %s (TRC-20), %s (TRC-10)%n", devnet.speedChannelsAddress(),
        devnet.speedChannelsTrc10Address());
    out.printf("development accounts, 1,000,000 TRX + 1,000,000 BTT (TRC-10) + 1,000,000 BTT (TRC-20) each%n"
        + "  (mnemonic \"%s\", path m/44'/195'/0'/0/i):%n", Genesis.DEV_MNEMONIC);
    for (DevelopmentAccount account : devnet.developmentAccounts()) {
      out.printf("  [%d] %s%n", account.index(), account.address());
    }
    out.println("Ctrl-C stops the node; the chain is kept unless it is in memory.");
    out.flush();
  }
}
