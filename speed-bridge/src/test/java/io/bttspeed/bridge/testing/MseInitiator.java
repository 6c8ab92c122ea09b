package io.bttspeed.bridge.testing;

import io.bttspeed.bridge.mse.DhKeys;
import io.bttspeed.bridge.mse.MseCiphers;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The dialling side (A) of Message Stream Encryption for tests, step by step from the spec over a
 * blocking socket, so that a test can stop after any step or send what a hostile peer would.
 */
public final class MseInitiator {
  public static final int CRYPTO_PLAINTEXT = 0x01;
  public static final int CRYPTO_RC4 = 0x02;

  private final SocketChannel socket;
  private final SecureRandom random = new SecureRandom();
  private final DhKeys keys = DhKeys.generate(random);
  private byte[] secret;
  private byte[] skey;
  private MseCiphers ciphers;
  private int selected;

  /** {@code socket} is connected and blocking. */
  public MseInitiator(SocketChannel socket) {
    this.socket = socket;
  }

  /** Step 1: Ya and {@code padA} random bytes. */
  public MseInitiator sendKey(int padA) throws IOException {
    return sendKey(keys.publicKey(), padA);
  }

  /** Step 1 with any 96 bytes for Ya (a hostile peer's). */
  public MseInitiator sendKey(byte[] publicKey, int padA) throws IOException {
    byte[] pad = new byte[padA];
    random.nextBytes(pad);
    write(concat(publicKey, pad));
    return this;
  }

  /** Step 2: reads Yb (PadB is left for {@link #readAnswer}, which finds where it ends). */
  public MseInitiator readKey() throws IOException {
    secret = keys.sharedSecret(read(DhKeys.KEY_BYTES));
    return this;
  }

  /**
   * Step 3: the req1 and req2^req3 hashes, then encrypted VC, crypto_provide, PadC (zero bytes) and
   * the initial payload {@code ia}.
   */
  public MseInitiator sendRequest(byte[] skey, byte[] vc, int provide, int padC, byte[] ia)
      throws IOException {
    this.skey = skey;
    ciphers = MseCiphers.initiator(secret, skey);
    ByteBuffer plain = ByteBuffer.allocate(8 + 4 + 2 + padC + 2 + ia.length);
    plain.put(vc).putInt(provide).putShort((short) padC).put(new byte[padC]);
    plain.putShort((short) ia.length).put(ia);
    write(
        concat(
            concat(sha1("req1", secret), xor(sha1("req2", skey), sha1("req3", secret))),
            encrypt(plain.array())));
    return this;
  }

  /** Step 3 with a zero VC, for the cases that follow the spec. */
  public MseInitiator sendRequest(byte[] skey, int provide, byte[] ia) throws IOException {
    return sendRequest(skey, new byte[8], provide, 0, ia);
  }

  /** Step 4: finds the encrypted VC after PadB, reads crypto_select and skips PadD. */
  public int readAnswer() throws IOException {
    // B's stream starts with VC: zeros through a fresh copy of the inbound keystream.
    byte[] vcOnTheWire = MseCiphers.initiator(secret, skey).inbound().update(new byte[8]);
    byte[] window = read(8);
    int skipped = 0;
    while (!Arrays.equals(window, vcOnTheWire)) {
      if (++skipped > 512) {
        throw new IOException("no encrypted VC within 512 bytes of PadB");
      }
      System.arraycopy(window, 1, window, 0, 7);
      window[7] = read(1)[0];
    }
    decrypt(window);
    ByteBuffer fields = ByteBuffer.wrap(decrypt(read(6)));
    selected = fields.getInt();
    decrypt(read(Short.toUnsignedInt(fields.getShort())));
    return selected;
  }

  /** Sends stream bytes, encrypted when RC4 was selected. */
  public void send(byte[] bytes) throws IOException {
    write(selected == CRYPTO_RC4 ? encrypt(bytes.clone()) : bytes);
  }

  /** Receives {@code count} stream bytes, decrypted when RC4 was selected. */
  public byte[] receive(int count) throws IOException {
    byte[] bytes = read(count);
    return selected == CRYPTO_RC4 ? decrypt(bytes) : bytes;
  }

  /** A BitTorrent handshake for {@code infoHash}, as a plain peer or an IA sends it. */
  public static byte[] bitTorrentHandshake(byte[] infoHash, byte[] peerId) {
    ByteBuffer out = ByteBuffer.allocate(68);
    out.put((byte) 19).put("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
    out.put(new byte[8]).put(infoHash).put(peerId);
    return out.array();
  }

  private byte[] encrypt(byte[] bytes) {
    return bytes.length == 0 ? bytes : ciphers.outbound().update(bytes);
  }

  private byte[] decrypt(byte[] bytes) {
    return bytes.length == 0 ? bytes : ciphers.inbound().update(bytes);
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(bytes);
    while (out.hasRemaining()) {
      socket.write(out);
    }
  }

  private byte[] read(int count) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(count);
    while (in.hasRemaining()) {
      if (socket.read(in) < 0) {
        throw new EOFException("the responder closed the connection");
      }
    }
    return in.array();
  }

  static byte[] sha1(String label, byte[] value) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(label.getBytes(StandardCharsets.US_ASCII));
      return sha1.digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
