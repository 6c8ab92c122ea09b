package io.bttspeed.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code wallet} command run in-process exactly as {@code main} runs it (same handlers), its
 * output captured. A command that should have failed but runs on ({@code serve}) fails the test at
 * a deadline.
 */
record CliRun(int code, String out, String err) {

  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread command =
        new Thread(
            () ->
                code.complete(
                    WalletCli.commandLine()
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(args)),
            "wallet-command");
    command.setDaemon(true);
    command.start();
    try {
      return new CliRun(code.get(120, TimeUnit.SECONDS), out.toString(), err.toString());
    } catch (TimeoutException e) {
      command.interrupt();
      throw new AssertionError(
          "still running after 120 s instead of failing: " + Arrays.toString(args));
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Failed with {@code expectedCode} and one line an operator can act on, holding every one of
   * {@code words}.
   */
  CliRun assertOneLineError(int expectedCode, String... words) {
    String line = err.strip();
    assertEquals(expectedCode, code, err);
    assertFalse(line.isEmpty(), "no error printed");
    assertFalse(line.contains("\n"), "more than one line:\n" + err);
    assertFalse(line.contains("Exception"), line);
    assertFalse(line.contains("at io."), line);
    for (String word : words) {
      assertTrue(line.contains(word), "'" + word + "' missing from: " + line);
    }
    return this;
  }
}
