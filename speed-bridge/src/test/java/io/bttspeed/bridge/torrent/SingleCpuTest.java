package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.testing.ExternalProcess;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bt 1.10's selector livelocks on one CPU; with our selector 20 consecutive transfers under taskset
 * -c 0 finish.
 */
@Timeout(240)
class SingleCpuTest {
  @TempDir Path dir;

  @Test
  void twentyConsecutiveTransfersOnOneCpu() {
    assumeTrue(ExternalProcess.available("/usr/bin/taskset"), "taskset is not installed");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    try (ExternalProcess run =
        new ExternalProcess(
            "transfers on CPU 0",
            List.of(
                "/usr/bin/taskset",
                "-c",
                "0",
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SingleCpuTransfers.class.getName(),
                "20"),
            dir)) {
      assertEquals(0, run.awaitExit(Duration.ofSeconds(200)), run.tail());
    }
  }
}
