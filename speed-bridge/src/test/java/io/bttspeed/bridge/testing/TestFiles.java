package io.bttspeed.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Content and ports for loopback swarms. */
public final class TestFiles {
  private TestFiles() {}

  /** A file of {@code bytes} pseudo-random bytes from {@code seed}. */
  public static Path random(Path file, long bytes, long seed) {
    Random random = new Random(seed);
    byte[] chunk = new byte[64 * 1024];
    try {
      Files.createDirectories(file.getParent());
      try (var out = Files.newOutputStream(file)) {
        for (long left = bytes; left > 0; left -= chunk.length) {
          random.nextBytes(chunk);
          out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port free on loopback a moment ago, never one handed out before in this JVM. */
  public static int freePort() {
    return io.bttspeed.bridge.demo.DemoSwarm.freePort();
  }

  public static boolean sameContent(Path a, Path b) {
    try {
      return Files.exists(b) && Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
