package io.bttspeed.wallet.metrics;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where the Prometheus scrape endpoint listens. There is no "off" value: a component without
 * metrics has no settings at all ({@code Optional.empty()}), so no port is opened unless an
 * operator asked for one.
 *
 * @param address the address to bind; loopback unless the operator chooses otherwise, since the
 *     numbers reveal earnings and traffic
 * @param port the TCP port, 0 for any free one (tests)
 */
public record MetricsSettings(InetAddress address, int port) {
  public MetricsSettings {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the metrics port must be between 0 and 65535");
    }
  }

  /** On 127.0.0.1 at {@code port}. */
  public static MetricsSettings loopback(int port) {
    return new MetricsSettings(InetAddress.getLoopbackAddress(), port);
  }
}
