package io.bttspeed.bridge.domain;

import java.net.InetSocketAddress;

/**
 * A peer to dial, named by the user as {@code host:port} (IPv6 as {@code [addr]:port}).
 *
 * @param host a host name or IP literal (no brackets)
 * @param port TCP port, 1..65535
 */
public record PeerAddress(String host, int port) {
  /** Longer than any DNS name; bounds the input before it is looked at. */
  private static final int MAX_TEXT = 300;

  public PeerAddress {
    if (host == null
        || host.isEmpty()
        || host.length() > 253
        || !host.matches("[A-Za-z0-9.:%_-]+")) {
      throw new IllegalArgumentException("a peer's host must be a host name or an IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a peer's port must be between 1 and 65535");
    }
  }

  /** Parses {@code host:port} or {@code [ipv6]:port}. */
  public static PeerAddress parse(String text) {
    if (text == null || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("a peer is host:port");
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException(
            "a peer is host:port, an IPv6 address as [addr]:port: " + text);
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || text.indexOf(':') != colon) {
        throw new IllegalArgumentException("a peer is host:port: " + text);
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    if (!port.matches("[1-9][0-9]{0,4}")) {
      throw new IllegalArgumentException("a peer's port must be between 1 and 65535: " + text);
    }
    return new PeerAddress(host, Integer.parseInt(port));
  }

  /** Resolves the host now (a name is looked up; an IP literal is not). */
  public InetSocketAddress resolve() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
