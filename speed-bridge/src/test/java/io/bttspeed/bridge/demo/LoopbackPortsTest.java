package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ports handed out one after the other, or by many threads released together, are all different and
 * bindable: a component is never handed a port another one was given (a wallet service was once
 * handed its devnet's port in CI).
 */
class LoopbackPortsTest {

  @Test
  void portsFromEightThreadsReleasedTogetherAreAllDifferentAndBindable() throws Exception {
    int threads = 8;
    int each = 100;
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < each; i++) {
                    int port = DemoSwarm.freePort();
                    assertTrue(ports.add(port), "port " + port + " was handed out twice");
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> call : calls) {
        call.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * each, ports.size());
    int port = ports.iterator().next();
    try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, bound.getLocalPort());
    } catch (IOException e) {
      throw new AssertionError("a port handed out could not be bound: " + port, e);
    }
  }
}
