package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ordinary peer's output: only well-formed progress lines count, and nothing grows unbounded.
 */
class OrdinaryPeerOutputTest {
  @Test
  void theLatestProgressLineWins() {
    OrdinaryPeerOutput output =
        read("PROGRESS 0 100 downloading\nPROGRESS 40 100 downloading\nPROGRESS 100 100 seeding\n");
    assertEquals(Optional.of(new OrdinaryPeerOutput.Report(100, 100, "seeding")), output.latest());
    assertTrue(output.latest().orElseThrow().complete());
    assertTrue(output.ended());
    assertTrue(output.tail().isEmpty(), output.tail().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PROGRESS",
        "PROGRESS 1 2",
        "PROGRESS -1 2 downloading",
        "PROGRESS 3 2 downloading",
        "PROGRESS 1 2 Downloading!",
        "PROGRESS 1234567890123456789 1234567890123456789 downloading",
        "progress 1 2 downloading",
        "PROGRESS 1 2 downloading extra",
        "PROGRESS 1\t2 downloading"
      })
  void aMalformedLineIsNotProgress(String line) {
    OrdinaryPeerOutput output = read("PROGRESS 1 100 downloading\n" + line + "\n");
    assertEquals(1, output.latest().orElseThrow().verifiedBytes());
    assertEquals(1, output.tail().size(), output.tail().toString());
  }

  @Test
  void anOverlongLineIsCutAndNeverProgress() {
    String longLine = "PROGRESS 5 100 downloading" + " ".repeat(1_000_000) + "\n";
    OrdinaryPeerOutput output = read(longLine + "PROGRESS 7 100 downloading\n");
    assertEquals(7, output.latest().orElseThrow().verifiedBytes());
    String kept = output.tail().get(0);
    assertTrue(kept.length() <= OrdinaryPeerOutput.MAX_LINE_BYTES + 3, "kept " + kept.length());
  }

  @Test
  void onlyTheLastFewOtherLinesAreKept() {
    OrdinaryPeerOutput output = read("Traceback line\n".repeat(10_000) + "the last line");
    assertEquals(OrdinaryPeerOutput.TAIL_LINES, output.tail().size());
    assertEquals("the last line", output.tail().get(OrdinaryPeerOutput.TAIL_LINES - 1));
  }

  @Test
  void allBytesAreNotCompleteUntilLibtorrentSeeds() {
    assertFalse(new OrdinaryPeerOutput.Report(100, 100, "downloading").complete());
    assertFalse(new OrdinaryPeerOutput.Report(0, 0, "seeding").complete());
  }

  private static OrdinaryPeerOutput read(String text) {
    OrdinaryPeerOutput output = new OrdinaryPeerOutput();
    output.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    return output;
  }
}
