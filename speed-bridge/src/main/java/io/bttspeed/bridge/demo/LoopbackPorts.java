package io.bttspeed.bridge.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports for components that bind them later (a daemon's peer port is told to leechers
 * before it listens, and a restarted component keeps its port): free when handed out, and never the
 * same port twice in this JVM. The kernel may give the port just released by one probe to the next
 * bind to port 0, so two components asked for ports one after the other could be handed the same
 * one and the second would fail to bind (seen in CI: a wallet service handed its devnet's port).
 */
final class LoopbackPorts {
  /** Probes held open at once before giving up: each one holds a port the kernel will not reuse. */
  private static final int MAX_PROBES = 64;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  /** A loopback port free a moment ago and not handed out before by this JVM. */
  static int next() {
    List<ServerSocket> probes = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_PROBES; i++) {
        ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        probes.add(probe);
        if (HANDED_OUT.add(probe.getLocalPort())) {
          return probe.getLocalPort();
        }
      }
      throw new IllegalStateException(
          "no free loopback port among " + MAX_PROBES + " that this process had not handed out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket probe : probes) {
        try {
          probe.close();
        } catch (IOException e) {
          // A probe that will not close keeps its port from the kernel; nothing else depends on it.
        }
      }
    }
  }
}
