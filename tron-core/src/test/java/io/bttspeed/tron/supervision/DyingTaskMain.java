package io.bttspeed.tron.supervision;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A process whose one supervised background task throws an Error; {@link SupervisorTest} runs it.
 */
public final class DyingTaskMain {

  private DyingTaskMain() {}

  public static void main(String[] args) throws InterruptedException {
    Supervisor supervisor = Supervisor.process();
    ScheduledExecutorService executor = supervisor.singleThreadScheduler("dying-task");
    supervisor.every(
        executor,
        "dying-task",
        () -> {
          throw new OutOfMemoryError("injected");
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
    // Without a supervisor this process would linger as a zombie: the daemon thread is gone, main
    // sleeps.
    Thread.sleep(30_000);
    System.out.println("still alive");
    System.exit(0);
  }
}
