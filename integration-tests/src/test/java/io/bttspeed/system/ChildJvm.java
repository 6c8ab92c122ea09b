package io.bttspeed.system;

import io.bttspeed.bridge.testing.ExternalProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One component of the system (devnet, wallet service, Speed daemon) in its own JVM, on this test's
 * class path, so a test can kill it the way a crash does (SIGKILL, no shutdown hook runs) and start
 * it again. Its output is appended to a log file beside its data, which survives the kill for a
 * failing run to be read.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code args} in a JVM of at most 256 MiB heap, working in {@code
   * workDir}, with {@code env} added to this process's environment.
   */
  static ExternalProcess start(
      String name,
      Class<?> mainClass,
      List<String> args,
      Map<String, String> env,
      Path workDir,
      Path log) {
    // Small and quick to start: the system runs five of these on two cores.
    List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    return new ExternalProcess(
        name, ExternalProcess.java(jvm, mainClass.getName(), args), workDir, env, Optional.of(log));
  }
}
