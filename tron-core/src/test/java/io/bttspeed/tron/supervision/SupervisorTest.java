package io.bttspeed.tron.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private record Death(String task, Throwable cause) {}

  @Test
  void anErrorInAScheduledTaskReachesTheFailureHandler() throws Exception {
    CompletableFuture<Death> death = new CompletableFuture<>();
    Supervisor supervisor = new Supervisor((task, cause) -> death.complete(new Death(task, cause)));
    ScheduledExecutorService executor = supervisor.singleThreadScheduler("oom-task");
    try {
      supervisor.every(
          executor,
          "oom-task",
          () -> {
            throw new OutOfMemoryError("Java heap space");
          },
          0,
          10,
          TimeUnit.MILLISECONDS);
      Death d = death.get(10, TimeUnit.SECONDS);
      assertEquals("oom-task", d.task());
      assertInstanceOf(OutOfMemoryError.class, d.cause());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anExceptionInOneRunDoesNotStopTheSchedule() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Death> death = new CompletableFuture<>();
    Supervisor supervisor = new Supervisor((task, cause) -> death.complete(new Death(task, cause)));
    ScheduledExecutorService executor = supervisor.singleThreadScheduler("flaky-task");
    CompletableFuture<Integer> thirdRun = new CompletableFuture<>();
    try {
      supervisor.every(
          executor,
          "flaky-task",
          () -> {
            if (runs.incrementAndGet() >= 3) {
              thirdRun.complete(runs.get());
            }
            throw new IllegalStateException("the node went away");
          },
          0,
          5,
          TimeUnit.MILLISECONDS);
      assertTrue(thirdRun.get(10, TimeUnit.SECONDS) >= 3, "the schedule survived failing runs");
      assertTrue(!death.isDone(), "an exception in one run is not a death");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aSupervisedThreadThatDiesReachesTheFailureHandler() throws Exception {
    CompletableFuture<Death> death = new CompletableFuture<>();
    Supervisor supervisor = new Supervisor((task, cause) -> death.complete(new Death(task, cause)));
    Thread t =
        supervisor
            .threads("writer")
            .newThread(
                () -> {
                  throw new StackOverflowError();
                });
    t.start();
    Death d = death.get(10, TimeUnit.SECONDS);
    assertEquals("writer", d.task());
    assertInstanceOf(StackOverflowError.class, d.cause());
  }

  /**
   * The production handler, in a child JVM: one FATAL line naming the task and the cause, exit
   * status 70.
   */
  @Test
  void theProcessSupervisorHaltsTheJvmWithOneFatalLine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    DyingTaskMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child stopped");
    String log = output.get(10, TimeUnit.SECONDS);
    assertEquals(Supervisor.EXIT_STATUS, child.exitValue(), log);
    assertTrue(
        log.contains(
            "FATAL: background task 'dying-task' died (java.lang.OutOfMemoryError: injected)"),
        log);
    assertTrue(!log.contains("still alive"), log);
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
