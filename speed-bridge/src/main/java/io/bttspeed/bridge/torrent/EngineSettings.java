package io.bttspeed.bridge.torrent;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded engine listens and how hard it works. The defaults ({@link #defaults}) are tuned
 * for speed; Bt's own defaults leech at a few MiB/s on loopback.
 *
 * @param listenAddress the address peers connect to (loopback by default)
 * @param port the TCP port peers connect to; 0 is not allowed (peers must be told it)
 * @param dht whether to run the mainline DHT (BEP-5) for magnets in the wild
 * @param dhtPort the UDP port of the DHT
 * @param localServiceDiscovery whether to announce on the LAN by multicast (BEP-14)
 * @param assignedPieces how many pieces may be requested from peers at once (Bt: 3)
 * @param processingInterval the longest the message loop sleeps when idle (Bt: 100 ms)
 * @param peerDiscoveryInterval how often named peers, trackers and the DHT are asked for peers
 * @param unreachablePeerBan how long a peer that could not be dialled is left alone (Bt: 30 min)
 * @param hashingThreads threads verifying pieces
 */
public record EngineSettings(
    InetAddress listenAddress,
    int port,
    boolean dht,
    int dhtPort,
    boolean localServiceDiscovery,
    int assignedPieces,
    Duration processingInterval,
    Duration peerDiscoveryInterval,
    Duration unreachablePeerBan,
    int hashingThreads) {

  public EngineSettings {
    Objects.requireNonNull(listenAddress, "listenAddress");
    requirePort(port, "port");
    if (dht) {
      requirePort(dhtPort, "dhtPort");
    }
    if (assignedPieces < 1 || assignedPieces > 1024) {
      throw new IllegalArgumentException("assignedPieces must be between 1 and 1024");
    }
    requirePositive(processingInterval, "processingInterval");
    requirePositive(peerDiscoveryInterval, "peerDiscoveryInterval");
    requirePositive(unreachablePeerBan, "unreachablePeerBan");
    if (hashingThreads < 1 || hashingThreads > 64) {
      throw new IllegalArgumentException("hashingThreads must be between 1 and 64");
    }
  }

  /** Tuned defaults on {@code port}, loopback, no DHT: what tests and private swarms use. */
  public static EngineSettings defaults(int port) {
    return new EngineSettings(
        InetAddress.getLoopbackAddress(),
        port,
        false,
        port,
        false,
        32,
        Duration.ofMillis(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public EngineSettings withListenAddress(InetAddress address) {
    return new EngineSettings(
        address,
        port,
        dht,
        dhtPort,
        localServiceDiscovery,
        assignedPieces,
        processingInterval,
        peerDiscoveryInterval,
        unreachablePeerBan,
        hashingThreads);
  }

  public EngineSettings withDht(int udpPort) {
    return new EngineSettings(
        listenAddress,
        port,
        true,
        udpPort,
        localServiceDiscovery,
        assignedPieces,
        processingInterval,
        peerDiscoveryInterval,
        unreachablePeerBan,
        hashingThreads);
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
