package io.bttspeed.devnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar devnet.jar} as a user types it: every mistake is one line naming the option. */
class DevnetCommandTest {

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  /**
   * Runs the command in-process; one that is wrongly accepted starts a devnet and runs until
   * interrupted, so it runs on its own thread and a deadline turns that into a failure instead of a
   * hung build.
   */
  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread command =
        new Thread(
            () ->
                code.complete(
                    DevnetCommand.commandLine()
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(args)),
            "devnet-command");
    command.setDaemon(true);
    command.start();
    try {
      return new Result(code.get(60, TimeUnit.SECONDS), out.toString(), err.toString());
    } catch (TimeoutException e) {
      command.interrupt();
      throw new AssertionError(
          "the devnet started instead of refusing " + Arrays.toString(args) + "; " + out);
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * One line that names what to change, and nothing a user would have to read Java to understand.
   */
  private static void assertOneLineNaming(Result r, int code, String... words) {
    String line = r.err.strip();
    assertEquals(code, r.code, r.err);
    assertFalse(line.isEmpty(), "no error printed");
    assertFalse(line.contains("\n"), "more than one line:\n" + r.err);
    assertFalse(line.contains("Exception"), line);
    assertFalse(line.contains("at io."), line);
    for (String word : words) {
      assertTrue(line.contains(word), "'" + word + "' missing from: " + line);
    }
  }

  @Test
  void aBadChainParameterIsOneLineNamingIt() {
    String[][] bad = {
      {"getNoSuchFee=1", "getNoSuchFee"},
      {"getEnergyFee=0", "getEnergyFee"},
      {"getMemoFee=-5", "getMemoFee"},
      {"getEnergyFee=cheap", "cheap"},
      {"getEnergyFee", "getEnergyFee"},
    };
    for (String[] param : bad) {
      assertOneLineNaming(
          run("--in-memory", "--port", "0", "--param", param[0]),
          UsageErrors.EXIT_CODE,
          "--param",
          param[1]);
    }
  }

  @Test
  void optionsThatExcludeEachOtherAreRefused() {
    String[][] conflicts = {
      {"--data-dir", dir.toString(), "--port", "0", "--in-memory"},
      {"--in-memory", "--port", "0", "--reset"},
      {"--block-interval", "100", "--port", "0", "--instant"},
    };
    for (String[] args : conflicts) {
      Result r = run(args);
      assertOneLineNaming(r, UsageErrors.EXIT_CODE, args[0], args[args.length - 1]);
      assertEquals("", r.out, Arrays.toString(args));
    }
    assertOneLineNaming(
        run("--instant", "--port", "0", "--block-interval", "100"),
        UsageErrors.EXIT_CODE,
        "--instant",
        "--block-interval");
  }

  @Test
  void badValuesAreOneLineNamingTheOption() {
    String[][] bad = {
      {"--port", "-1"},
      {"--port", "65536"},
      {"--port", "fifty"},
      {"--block-interval", "0"},
      {"--block-interval", "-3000"},
      {"--solidity-lag", "-1"},
      {"--solidity-lag", "x"},
    };
    for (String[] args : bad) {
      Result r =
          args[0].equals("--port")
              ? run("--in-memory", args[0], args[1])
              : run("--in-memory", "--port", "0", args[0], args[1]);
      assertOneLineNaming(r, UsageErrors.EXIT_CODE, args[0]);
    }
    assertOneLineNaming(
        run("--in-memory", "--prot", "1"), UsageErrors.EXIT_CODE, "--prot", "devnet --help");
    assertOneLineNaming(
        run("--in-memory", "--porrt", "1"),
        UsageErrors.EXIT_CODE,
        "--porrt",
        "did you mean --port");
  }

  @Test
  void aBusyPortIsOneLineNamingThePortAndTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());
      Result r = run("--in-memory", "--instant", "--host", "127.0.0.1", "--port", port);
      assertOneLineNaming(r, DevnetCommand.START_FAILED, "127.0.0.1:" + port, "--port");
    }
  }

  @Test
  void accountsPrintsEveryDevelopmentAccountsAddressAndKeysWithoutStartingANode() {
    Result r = run("accounts");
    assertEquals(0, r.code, r.err);
    java.util.List<io.bttspeed.devnet.DevelopmentAccount> expected;
    try (io.bttspeed.devnet.Devnet devnet =
        io.bttspeed.devnet.Devnet.start(io.bttspeed.devnet.DevnetConfig.inMemory().withPort(0))) {
      expected = devnet.developmentAccounts();
    }
    java.util.List<String> rows =
        r.out.lines().filter(l -> l.matches("\\d+ T\\S+ [0-9a-f]{64} 04[0-9a-f]{128}")).toList();
    assertEquals(expected.size(), rows.size(), r.out);
    for (int i = 0; i < rows.size(); i++) {
      String[] cols = rows.get(i).split(" ");
      io.bttspeed.devnet.DevelopmentAccount account = expected.get(i);
      assertEquals(Integer.toString(account.index()), cols[0]);
      assertEquals(account.address(), cols[1]);
      assertEquals(account.privateKeyHex(), cols[2]);
      byte[] xy = java.util.HexFormat.of().parseHex(cols[3].substring(2));
      assertEquals(
          account.address(),
          io.bttspeed.tron.address.TronAddress.fromPublicKey(xy).base58(),
          "the public key is the account's");
    }
    assertTrue(r.out.contains("public"), r.out);
  }
}
