package io.bttspeed.bridge.mse;

import java.util.Optional;

/**
 * How an incoming connection's BitTorrent stream goes on once the handshake is done.
 *
 * @param kind what the peer opened the connection with, and what we selected
 * @param leftover bytes already read that belong to the BitTorrent stream (its first bytes), still
 *     encrypted when {@code ciphers} is present
 * @param ciphers the RC4 streams, positioned at the first leftover byte (inbound) and after our
 *     handshake (outbound); empty for a plaintext stream
 */
public record Negotiated(Kind kind, byte[] leftover, Optional<MseCiphers> ciphers) {
  public enum Kind {
    /** A plain BitTorrent handshake, no MSE at all. */
    PLAINTEXT,
    /** MSE with crypto_select plaintext: an obfuscated handshake, then a plain stream. */
    MSE_PLAINTEXT,
    /** MSE with crypto_select RC4: the whole stream is encrypted. */
    MSE_RC4
  }

  public Negotiated {
    if (ciphers.isPresent() != (kind == Kind.MSE_RC4)) {
      throw new IllegalArgumentException("RC4 streams go with MSE_RC4 only");
    }
  }
}
