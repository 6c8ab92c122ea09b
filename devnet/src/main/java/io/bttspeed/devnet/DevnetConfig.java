package io.bttspeed.devnet;

import io.bttspeed.devnet.chain.ChainParameters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a devnet. Immutable; start from {@link #inMemory()} or {@link #persistent(Path)} and
 * adjust with the {@code with…} methods.
 *
 * @param host the address to listen on (loopback by default)
 * @param port the gRPC port; 0 picks a free one
 * @param dataDir where the chain is stored; empty keeps it in memory
 * @param blockInterval how often a block is sealed; empty seals one as soon as a transaction is
 *     accepted
 * @param solidityLag how many blocks the solidified block trails the head
 * @param parameters fees and limits
 * @param reset whether to delete a stored chain and start again from genesis
 * @param clock the clock that stamps blocks (and so what contracts see as TIMESTAMP); tests move it
 * @param maxPending pending transactions beyond which broadcasts are refused with SERVER_BUSY
 */
public record DevnetConfig(
    String host,
    int port,
    Optional<Path> dataDir,
    Optional<Duration> blockInterval,
    int solidityLag,
    ChainParameters parameters,
    boolean reset,
    Clock clock,
    int maxPending) {

  public static final int DEFAULT_MAX_PENDING = 100_000;

  public static final int DEFAULT_PORT = 50051;
  public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofSeconds(3);

  public DevnetConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(blockInterval, "blockInterval");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (blockInterval.isPresent() && blockInterval.get().toMillis() < 1) {
      throw new IllegalArgumentException(
          "block interval must be at least 1 ms, got " + blockInterval.get());
    }
    if (solidityLag < 0) {
      throw new IllegalArgumentException("solidity lag must not be negative, got " + solidityLag);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("max pending must be at least 1, got " + maxPending);
    }
  }

  /**
   * A chain that lives only as long as the devnet, on any free loopback port, a block every 3 s.
   */
  public static DevnetConfig inMemory() {
    return new DevnetConfig(
        "127.0.0.1",
        0,
        Optional.empty(),
        Optional.of(DEFAULT_BLOCK_INTERVAL),
        0,
        ChainParameters.mainnet(),
        false,
        Clock.systemUTC(),
        DEFAULT_MAX_PENDING);
  }

  /** A chain stored under {@code dataDir}, on port 50051, a block every 3 s. */
  public static DevnetConfig persistent(Path dataDir) {
    return new DevnetConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        Optional.of(dataDir),
        Optional.of(DEFAULT_BLOCK_INTERVAL),
        0,
        ChainParameters.mainnet(),
        false,
        Clock.systemUTC(),
        DEFAULT_MAX_PENDING);
  }

  public DevnetConfig withHost(String value) {
    return new DevnetConfig(
        value, port, dataDir, blockInterval, solidityLag, parameters, reset, clock, maxPending);
  }

  public DevnetConfig withPort(int value) {
    return new DevnetConfig(
        host, value, dataDir, blockInterval, solidityLag, parameters, reset, clock, maxPending);
  }

  public DevnetConfig withInstantBlocks() {
    return new DevnetConfig(
        host, port, dataDir, Optional.empty(), solidityLag, parameters, reset, clock, maxPending);
  }

  public DevnetConfig withBlockInterval(Duration value) {
    return new DevnetConfig(
        host, port, dataDir, Optional.of(value), solidityLag, parameters, reset, clock, maxPending);
  }

  public DevnetConfig withSolidityLag(int value) {
    return new DevnetConfig(
        host, port, dataDir, blockInterval, value, parameters, reset, clock, maxPending);
  }

  /** Overrides one chain parameter by its java-tron name, e.g. {@code getEnergyFee}. */
  public DevnetConfig withParameter(String name, long value) {
    return new DevnetConfig(
        host,
        port,
        dataDir,
        blockInterval,
        solidityLag,
        parameters.with(name, value),
        reset,
        clock,
        maxPending);
  }

  public DevnetConfig withReset(boolean value) {
    return new DevnetConfig(
        host, port, dataDir, blockInterval, solidityLag, parameters, value, clock, maxPending);
  }

  /** Caps the pending pool, so a test can make the node answer SERVER_BUSY. */
  public DevnetConfig withMaxPending(int value) {
    return new DevnetConfig(
        host, port, dataDir, blockInterval, solidityLag, parameters, reset, clock, value);
  }

  public DevnetConfig withClock(Clock value) {
    return new DevnetConfig(
        host, port, dataDir, blockInterval, solidityLag, parameters, reset, value, maxPending);
  }
}
