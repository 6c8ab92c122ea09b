package io.bttspeed.bridge.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether this machine can run the demo's ordinary BitTorrent peer (python3-libtorrent). */
final class Libtorrent {
  /**
   * Debian's interpreter by its path: the python3 first on PATH (pyenv, a virtualenv) may lack the
   * modules of Debian packages such as python3-libtorrent.
   */
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final Path ARIA2 = Path.of("/usr/bin/aria2c");

  /** An import that takes longer than this is a broken install, not a slow one. */
  private static final long IMPORT_SECONDS = 20;

  private Libtorrent() {}

  /** Why there can be no ordinary peer here; empty when {@link #PYTHON} imports libtorrent. */
  static Optional<String> unavailable() {
    if (!Files.isExecutable(PYTHON)) {
      return Optional.of(PYTHON + " is not installed" + aria2Note());
    }
    try {
      Process check =
          new ProcessBuilder(PYTHON.toString(), "-B", "-c", "import libtorrent")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!check.waitFor(IMPORT_SECONDS, TimeUnit.SECONDS)) {
        check.destroyForcibly();
        return Optional.of(PYTHON + " took over " + IMPORT_SECONDS + " s to import libtorrent");
      }
      return check.exitValue() == 0
          ? Optional.empty()
          : Optional.of(
              PYTHON + " has no libtorrent module (Debian: python3-libtorrent)" + aria2Note());
    } catch (IOException e) {
      return Optional.of("cannot run " + PYTHON + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking " + PYTHON + " for libtorrent");
    }
  }

  /** aria2 alone will not do: it finds peers only through a tracker, and the demo runs none. */
  private static String aria2Note() {
    return Files.isExecutable(ARIA2)
        ? "; aria2 is installed, but it needs a tracker and the demo runs none"
        : "";
  }
}
