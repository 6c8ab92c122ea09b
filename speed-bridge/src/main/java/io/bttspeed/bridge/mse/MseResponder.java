package io.bttspeed.bridge.mse;

import io.bttspeed.bridge.domain.InfoHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The receiving side of an incoming connection's first bytes: a plain BitTorrent handshake is let
 * through as it is; anything else is taken for Message Stream Encryption (the Vuze/libtorrent
 * "protocol encryption") and answered as its receiver B:
 *
 * <pre>
 * A->B  Ya, PadA
 * B->A  Yb, PadB
 * A->B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *       ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
 * B->A  ENCRYPT(VC, crypto_select, len(PadD), PadD), then the stream
 * </pre>
 *
 * <p>We select plaintext when the peer provides it, RC4 when it provides only RC4: libtorrent's
 * default answer (its {@code prefer_rc4} is off). The handshake itself is encrypted either way, so
 * the connection does not look like BitTorrent on the wire; a peer that wants the whole stream
 * hidden provides RC4 alone and gets it. Encrypting every byte with RC4 took most of our seeder's
 * CPU when we selected it whenever offered (docs/benchmarks.md).
 *
 * <p>Bounded for hostile input: one deadline for the whole handshake, padding of at most 512 bytes
 * (the spec's limit; longer is refused, not skipped), and at most one handshake's worth of bytes
 * buffered (1,176), plus, when the stream is to be plaintext, the initial payload it must decrypt
 * (at most 64 KiB, by its 2-byte length). A stranger's bytes fail at the first check that needs S
 * (the req1 hash), so garbage costs one key exchange.
 */
public final class MseResponder {
  /** The spec's limit on PadA, PadB, PadC and PadD. */
  public static final int MAX_PADDING = 512;

  private static final byte[] PLAIN_HEADER =
      "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HASH_BYTES = 20;
  private static final int VC_BYTES = 8;
  private static final int CRYPTO_PROVIDE_BYTES = 4;
  private static final int CRYPTO_PLAINTEXT = 0x01;
  private static final int CRYPTO_RC4 = 0x02;

  /** Ya and PadA, the two hashes, VC, crypto_provide, len(PadC), PadC and len(IA). */
  static final int MAX_HANDSHAKE_BYTES =
      DhKeys.KEY_BYTES
          + MAX_PADDING
          + 2 * HASH_BYTES
          + VC_BYTES
          + CRYPTO_PROVIDE_BYTES
          + 2
          + MAX_PADDING
          + 2;

  private final Duration deadline;
  private final SecureRandom random;

  /**
   * @param deadline how long a peer has for the whole handshake, from its first byte to its IA
   */
  public MseResponder(Duration deadline, SecureRandom random) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the handshake deadline must be positive");
    }
    this.deadline = deadline;
    this.random = random;
  }

  /**
   * Reads an incoming connection's handshake and answers it when it is MSE. On return the socket is
   * open and non-blocking, ready for the BitTorrent handshake (which the caller reads from the
   * leftover first, through the RC4 stream when there is one).
   *
   * @param served the info hashes we serve: an MSE peer names its torrent only through them
   * @throws HandshakeRefused when the peer is not, or not for us, an MSE or BitTorrent peer; the
   *     caller closes the socket
   * @throws IOException when the socket fails; the caller closes it
   */
  public Negotiated negotiate(SocketChannel socket, Supplier<? extends Collection<InfoHash>> served)
      throws IOException {
    try (HandshakeChannel in = new HandshakeChannel(socket, deadline, MAX_HANDSHAKE_BYTES)) {
      // A plain handshake starts with these 20 bytes; an MSE public key does so with probability
      // 2^-160, so the two cannot be confused.
      if (Arrays.equals(in.peek(PLAIN_HEADER.length), PLAIN_HEADER)) {
        return new Negotiated(Negotiated.Kind.PLAINTEXT, in.unread(), Optional.empty());
      }
      return answerMse(in, served);
    }
  }

  private Negotiated answerMse(HandshakeChannel in, Supplier<? extends Collection<InfoHash>> served)
      throws IOException {
    byte[] theirKey = in.take(DhKeys.KEY_BYTES);
    DhKeys ours = DhKeys.generate(random);
    byte[] secret = ours.sharedSecret(theirKey);
    in.write(concat(ours.publicKey(), randomBytes(random.nextInt(MAX_PADDING + 1))));

    // PadA ends where HASH('req1', S) begins; only a peer that knows S can produce it.
    in.skipPast(sha1("req1", secret), MAX_PADDING, "req1 hash (PadA too long, or not MSE)");
    byte[] skey = torrentNamedBy(in.take(HASH_BYTES), secret, served.get());

    MseCiphers ciphers = MseCiphers.receiver(secret, skey);
    byte[] header = in.take(VC_BYTES + CRYPTO_PROVIDE_BYTES + 2);
    ciphers.decrypt(header);
    ByteBuffer fields = ByteBuffer.wrap(header);
    for (int i = 0; i < VC_BYTES; i++) {
      if (fields.get() != 0) {
        throw new HandshakeRefused("the verification constant is not zero");
      }
    }
    int provided = fields.getInt();
    int padC = Short.toUnsignedInt(fields.getShort());
    if (padC > MAX_PADDING) {
      throw new HandshakeRefused("PadC of " + padC + " bytes is above " + MAX_PADDING);
    }
    ciphers.decrypt(in.take(padC));
    byte[] iaLength = in.take(2);
    ciphers.decrypt(iaLength);
    int ia = Short.toUnsignedInt(ByteBuffer.wrap(iaLength).getShort());

    int selected = select(provided);
    // PadD is reserved for extensions and empty in practice; its 2-byte length is 0.
    byte[] answer = new byte[VC_BYTES + CRYPTO_PROVIDE_BYTES + 2];
    ByteBuffer.wrap(answer).position(VC_BYTES).putInt(selected);
    ciphers.encrypt(answer);
    in.write(answer);

    if (selected == CRYPTO_RC4) {
      // IA and the stream after it are one RC4 stream: hand them on encrypted, the inbound
      // cipher positioned at IA's first byte.
      return new Negotiated(Negotiated.Kind.MSE_RC4, in.unread(), Optional.of(ciphers));
    }
    // IA is always RC4-encrypted, the stream after it now plain: decrypt IA here.
    byte[] initialPayload = in.takeExactly(ia);
    ciphers.decrypt(initialPayload);
    return new Negotiated(
        Negotiated.Kind.MSE_PLAINTEXT, concat(initialPayload, in.unread()), Optional.empty());
  }

  /** SKEY, the info hash the peer obfuscated as HASH('req2', SKEY) xor HASH('req3', S). */
  private static byte[] torrentNamedBy(
      byte[] obfuscated, byte[] secret, Collection<InfoHash> served) throws HandshakeRefused {
    byte[] req3 = sha1("req3", secret);
    for (InfoHash infoHash : served) {
      byte[] skey = infoHash.bytes();
      byte[] req2 = sha1("req2", skey);
      boolean match = true;
      for (int i = 0; i < HASH_BYTES; i++) {
        match &= (byte) (req2[i] ^ req3[i]) == obfuscated[i];
      }
      if (match) {
        return skey;
      }
    }
    throw new HandshakeRefused("the peer asks for a torrent we do not serve");
  }

  private static int select(int provided) throws HandshakeRefused {
    if ((provided & CRYPTO_PLAINTEXT) != 0) {
      return CRYPTO_PLAINTEXT;
    }
    if ((provided & CRYPTO_RC4) != 0) {
      return CRYPTO_RC4;
    }
    throw new HandshakeRefused("the peer provides neither RC4 nor plaintext");
  }

  static byte[] sha1(String label, byte[] value) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(label.getBytes(StandardCharsets.US_ASCII));
      return sha1.digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private byte[] randomBytes(int count) {
    byte[] out = new byte[count];
    random.nextBytes(out);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
