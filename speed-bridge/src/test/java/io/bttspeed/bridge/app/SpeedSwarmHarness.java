package io.bttspeed.bridge.app;

import io.bttspeed.bridge.demo.DemoSwarm;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import java.nio.file.Path;

/**
 * {@link SharedWalletSwarm} for code outside this package (the benchmarks): real daemons on
 * 127.0.0.1 sharing one real wallet service and devnet, each reached through its own SpeedService
 * API.
 */
public final class SpeedSwarmHarness implements AutoCloseable {
  private final SharedWalletSwarm swarm;

  /**
   * A daemon of the swarm: its API with its admin token, its peer port, its engine and its TRON
   * address.
   */
  public record Node(
      SpeedServiceGrpc.SpeedServiceBlockingStub api, int peerPort, Engine engine, String address) {}

  public SpeedSwarmHarness(Path dir) {
    this(dir, DemoSwarm.Storage.MEMORY);
  }

  /** The same with the wallet service's database and chain stored as {@code storage} says. */
  public SpeedSwarmHarness(Path dir, DemoSwarm.Storage storage) {
    this.swarm = new SharedWalletSwarm(dir, storage);
  }

  /** Starts a daemon named {@code name} with its own funded wallet on the shared wallet service. */
  public Node daemon(String name) {
    SharedWalletSwarm.Member m = swarm.daemon(name);
    return new Node(swarm.api(m), m.peerPort(), m.daemon().speed().engine(), swarm.address(m));
  }

  /** Where the shared wallet service serves its Prometheus metrics (loopback). */
  public int walletMetricsPort() {
    return swarm.walletService.metricsPort().orElseThrow();
  }

  @Override
  public void close() {
    swarm.close();
  }
}
