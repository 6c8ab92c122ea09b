package io.bttspeed.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.cli.UsageErrors;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every way a terminal user gets a command wrong, or a command fails, is one line to act on. */
class WalletCliErrorsTest {

  /** A well-formed wallet id, so a command line fails on the option under test. */
  private static final String WALLET = "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b";

  @TempDir Path dir;

  private Path config(String... lines) throws IOException {
    Path file = dir.resolve("wallet.properties");
    List<String> all =
        new ArrayList<>(
            List.of(
                "data.dir=" + dir,
                "db.url=jdbc:h2:file:" + dir.resolve("wallet"),
                "keys.scrypt-log2n=10"));
    all.addAll(List.of(lines));
    Files.write(file, all, StandardCharsets.UTF_8);
    return file;
  }

  private Set<Scope> scopesOf(String token) {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("wallet"))) {
      return new PrincipalStore(db, Clock.systemUTC(), new SecureRandom())
          .authenticate(token)
          .map(Principal::scopes)
          .orElseThrow();
    }
  }

  @Test
  void tokenCreateTakesScopesAsTheReadmeWritesThemWithBarsOrCommas() throws IOException {
    String file = config().toString();
    for (String scopes : List.of("read|spend", "read,spend", "spend | read")) {
      CliRun created =
          CliRun.run("token", "create", "--config", file, "--name", "ops", "--scopes", scopes);
      assertEquals(0, created.code(), created.err());
      assertEquals(Set.of(Scope.READ, Scope.SPEND), scopesOf(created.out().strip()), scopes);
    }
    CliRun admin =
        CliRun.run("token", "create", "--config", file, "--name", "root", "--scopes", "admin");
    assertEquals(Set.of(Scope.ADMIN), scopesOf(admin.out().strip()));

    CliRun.run("token", "create", "--config", file, "--name", "ops", "--scopes", "read|root")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--scopes", "root", "read, spend, admin");
    CliRun.run("token", "create", "--config", file, "--name", "ops", "--scopes", "|")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--scopes");
  }

  @Test
  void aBadConfigurationIsOneLineNamingTheKey() throws IOException {
    CliRun.run(
            "token", "create", "--config", config("listen.prot=1234").toString(), "--name", "ops")
        .assertOneLineError(ClientErrors.CONFIGURATION, "listen.prot", "listen.port");
    CliRun.run(
            "token",
            "create",
            "--config",
            dir.resolve("missing.properties").toString(),
            "--name",
            "ops")
        .assertOneLineError(ClientErrors.CONFIGURATION, "missing.properties");
    CliRun.run("serve", "--config", config("listen.address=0.0.0.0", "listen.port=0").toString())
        .assertOneLineError(
            ClientErrors.CONFIGURATION, "dev-mode", "dev-mode.allow-non-loopback=true");
  }

  @Test
  void serveOnABusyPortIsOneLineNamingTheAddress() throws IOException {
    try (Devnet node = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliRun.run(
              "serve",
              "--config",
              config("listen.port=" + port, "tron.node=" + node.target()).toString())
          .assertOneLineError(
              ClientErrors.OTHER, "wallet serve: cannot listen on 127.0.0.1:" + port);
    }
  }

  @Test
  void aPlaintextServerOffLoopbackStartsWithOneWarningLine() throws Exception {
    try (Devnet node = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      Path log = dir.resolve("serve.log");
      Path file =
          config(
              "listen.address=0.0.0.0",
              "listen.port=0",
              "dev-mode=false",
              "tron.node=" + node.target());
      try (ServerProcess server = ServerProcess.start(file, log)) {
        // serve logs the warning before it prints the line ServerProcess waits for, so it is in the
        // log.
        List<String> warnings =
            Files.readAllLines(log).stream().filter(l -> l.contains("without TLS")).toList();
        assertEquals(1, warnings.size(), Files.readString(log));
        assertTrue(
            warnings.get(0).contains("WARN") && warnings.get(0).contains("tls.cert"),
            warnings.get(0));
      }
    }
  }

  @Test
  void mistypedCommandLinesAreOneLineWithTheHelpToRead() {
    CliRun.run("balances", "--walet", "w")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--walet", "--wallet", "wallet balances --help");
    CliRun.run("balances").assertOneLineError(UsageErrors.EXIT_CODE, "--wallet");
    CliRun.run("balances", "--wallet", "no-such-wallet")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--wallet", "'no-such-wallet'", "UUID");
    CliRun.run("transfers", "list", "--wallet", WALLET.toUpperCase(Locale.ROOT))
        .assertOneLineError(UsageErrors.EXIT_CODE, "--wallet", "lowercase");
    CliRun.run(
            "send",
            "--wallet",
            WALLET,
            "--asset",
            "doge",
            "--to",
            "t",
            "--amount",
            "1",
            "--key",
            "k")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--asset", "trx, btt");
    CliRun.run("transfers", "list", "--offset", "ten")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--offset");
    CliRun.run("wallets", "import", "--private-key", "00", "--mnemonic", "a b c")
        .assertOneLineError(UsageErrors.EXIT_CODE, "--private-key", "--mnemonic");
    CliRun.run("walets").assertOneLineError(UsageErrors.EXIT_CODE, "walets", "wallets");
  }

  @Test
  void aFileThatCannotBeReadIsNamed() {
    Path missing = dir.resolve("keystore.json");
    CliRun.run("wallets", "import", "--keystore", missing.toString(), "--server", "127.0.0.1:1")
        .assertOneLineError(ClientErrors.OTHER, "no such file", missing.toString());
  }

  /**
   * Every client command, found in the command tree (so a new one is covered without editing this
   * test), with its required options filled, against a port nobody listens on: one line saying so
   * and naming the option that points elsewhere.
   */
  @Test
  void everyClientCommandSaysInOneLineThatTheServerCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = probe.getLocalPort();
    }
    List<List<String>> commands = new ArrayList<>();
    collectClientCommands(WalletCli.commandLine(), new ArrayList<>(), commands);
    assertTrue(commands.size() >= 10, "found only " + commands);
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--server", "127.0.0.1:" + closedPort, "--token", "btts_x"));
      CliRun r = CliRun.run(args.toArray(String[]::new));
      r.assertOneLineError(
          ClientErrors.CALL_FAILED, "UNAVAILABLE", "127.0.0.1:" + closedPort, "--server");
      assertFalse(r.err().isBlank(), String.join(" ", command));
    }
  }

  /**
   * The leaves of the tree that talk to a server (those with --server), each with its required
   * options.
   */
  private static void collectClientCommands(
      CommandLine cmd, List<String> path, List<List<String>> out) {
    if (!cmd.getSubcommands().isEmpty()) {
      cmd.getSubcommands()
          .forEach(
              (name, sub) -> {
                if (!sub.getCommandSpec().aliases().equals(new String[0])
                    && !name.equals(sub.getCommandName())) {
                  return;
                }
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collectClientCommands(sub, next, out);
              });
      return;
    }
    if (cmd.getCommandSpec().findOption("--server") == null) {
      return;
    }
    List<String> args = new ArrayList<>(path);
    for (OptionSpec option : cmd.getCommandSpec().options()) {
      if (option.required() && option.group() == null) {
        args.add(option.longestName());
        args.add(sampleValue(option));
      }
    }
    for (ArgGroupSpec group : cmd.getCommandSpec().argGroups()) {
      if (group.multiplicity().min() > 0) {
        OptionSpec first = group.options().get(0);
        args.add(first.longestName());
        args.add(sampleValue(first));
      }
    }
    out.add(args);
  }

  private static String sampleValue(OptionSpec option) {
    if (option.longestName().equals("--asset")) {
      return "trx";
    }
    if (option.longestName().equals("--expires-in")) {
      return "7d";
    }
    if (option.longestName().equals("--expires-at")) {
      return "2030-01-01T00:00:00Z";
    }
    if (option.longestName().equals("--wallet")) {
      return WALLET;
    }
    Class<?> type = option.type();
    return type == int.class || type == long.class ? "1" : "x";
  }
}
