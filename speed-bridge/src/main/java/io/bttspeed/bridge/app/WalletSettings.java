package io.bttspeed.bridge.app;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the daemon's wallet is, valid by construction: a wallet service it reaches over gRPC
 * ({@code wallet.endpoint}, {@code wallet.token}, {@code wallet.id}, all three or none), or a
 * wallet service it embeds (none of them set). Every refusal names the key, as the wallet's own
 * configuration does.
 */
public sealed interface WalletSettings {

  /** The embedded default: its own devnet, its wallet server on an ephemeral loopback port. */
  static WalletSettings embedded() {
    return new Embedded(Optional.empty(), 0);
  }

  /**
   * From the three keys as given (each may be absent): all three make a {@link Remote}, none an
   * {@link Embedded} with {@code tronNode} and {@code embeddedPort}; anything between is refused
   * naming what is missing.
   */
  static WalletSettings of(
      Optional<String> endpoint,
      Optional<String> token,
      Optional<String> walletId,
      Optional<String> tronNode,
      int embeddedPort) {
    int given =
        (endpoint.isPresent() ? 1 : 0)
            + (token.isPresent() ? 1 : 0)
            + (walletId.isPresent() ? 1 : 0);
    if (given == 0) {
      return new Embedded(tronNode, embeddedPort);
    }
    if (given < 3) {
      String missing =
          String.join(
              ", ",
              java.util.stream.Stream.of(
                      endpoint.isEmpty() ? "wallet.endpoint" : null,
                      token.isEmpty() ? "wallet.token" : null,
                      walletId.isEmpty() ? "wallet.id" : null)
                  .filter(Objects::nonNull)
                  .toList());
      throw new IllegalArgumentException(
          "wallet.endpoint, wallet.token and wallet.id go together (or none, for an embedded wallet); missing: "
              + missing);
    }
    if (tronNode.isPresent()) {
      throw new IllegalArgumentException(
          "tron.node is for the embedded wallet; with wallet.endpoint set, the wallet service chooses its node");
    }
    return new Remote(endpoint.get(), token.get(), walletId.get());
  }

  /**
   * A wallet service the daemon connects to, as one principal and one of its wallets.
   *
   * @param endpoint {@code host:port} of the wallet's gRPC API (plaintext; keep it on loopback or a
   *     private network)
   * @param token a bearer token of the wallet service with the read and spend scopes
   * @param walletId the principal's wallet the daemon pays from and is paid to
   */
  record Remote(String endpoint, String token, String walletId) implements WalletSettings {
    private static final Pattern HOST_PORT =
        Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]{1,253}):(\\d{1,5})");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final Pattern WALLET_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public Remote {
      Objects.requireNonNull(endpoint, "wallet.endpoint");
      Objects.requireNonNull(token, "wallet.token");
      Objects.requireNonNull(walletId, "wallet.id");
      var m = HOST_PORT.matcher(endpoint);
      if (!m.matches()
          || Integer.parseInt(m.group(2)) < 1
          || Integer.parseInt(m.group(2)) > 65535) {
        throw new IllegalArgumentException(
            "wallet.endpoint must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:50061");
      }
      if (!TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException(
            "wallet.token must be the wallet's bearer token: 1 to 512 printable characters, no spaces");
      }
      if (!WALLET_ID.matcher(walletId).matches()) {
        throw new IllegalArgumentException(
            "wallet.id must be a wallet id as the wallet service shows it (letters, digits and '-', at most 64)");
      }
    }

    public String host() {
      String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
      return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
      return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** The token is a secret: never in a log line or an exception. */
    @Override
    public String toString() {
      return "Remote[endpoint=" + endpoint + ", walletId=" + walletId + "]";
    }
  }

  /**
   * A wallet service inside the daemon, under {@code <data dir>/wallet-service}, on loopback.
   *
   * @param tronNode the wallet's {@code tron.node} ({@code host:port} of a node's gRPC API); empty:
   *     the wallet embeds a devnet (and the daemon funds its wallet from a development account)
   * @param port the embedded wallet server's port, so other daemons can share it; 0: an ephemeral
   *     one
   */
  record Embedded(Optional<String> tronNode, int port) implements WalletSettings {
    public Embedded {
      Objects.requireNonNull(tronNode, "tron.node");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("wallet.port must be between 0 and 65535");
      }
      tronNode.ifPresent(
          node -> {
            if (!node.matches("[A-Za-z0-9.\\-\\[\\]:]{1,300}:\\d{1,5}")) {
              throw new IllegalArgumentException(
                  "tron.node must be host:port of a TRON node's gRPC API");
            }
          });
    }
  }
}
