package io.bttspeed.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command answers --help with its usage and exit code 0, without starting or calling
 * anything.
 */
class HelpTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "serve",
        "token",
        "seed",
        "download",
        "list",
        "show",
        "pause",
        "resume",
        "remove",
        "limits",
        "ask",
        "earnings",
        "spending",
        "demo"
      })
  void everyCommandAnswersHelp(String command) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = SpeedBridgeCli.run(command, "--help");
    } finally {
      System.setOut(out);
    }
    String usage = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, usage);
    assertTrue(usage.startsWith("Usage: speed-bridge " + command), usage);
  }
}
