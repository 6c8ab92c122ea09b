package io.bttspeed.bridge.mse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two RC4 streams of one MSE connection, keyed from the shared secret S and the torrent's info
 * hash (SKEY): the initiator writes with SHA-1("keyA", S, SKEY), the receiver with SHA-1("keyB", S,
 * SKEY). Each stream drops its first 1024 bytes of keystream, as the spec requires (they leak the
 * key in RC4). A stream is stateful: every byte of the connection passes through it once, in order.
 *
 * @param inbound decrypts what the peer sends
 * @param outbound encrypts what we send
 */
public record MseCiphers(Cipher inbound, Cipher outbound) {
  private static final int DISCARDED_KEYSTREAM = 1024;

  /** Our streams when the peer dialled us. */
  public static MseCiphers receiver(byte[] secret, byte[] skey) {
    return new MseCiphers(rc4("keyA", secret, skey), rc4("keyB", secret, skey));
  }

  /** Our streams when we dialled the peer (the tests' initiator). */
  public static MseCiphers initiator(byte[] secret, byte[] skey) {
    return new MseCiphers(rc4("keyB", secret, skey), rc4("keyA", secret, skey));
  }

  /** Passes {@code bytes} through the inbound stream, in place. */
  void decrypt(byte[] bytes) {
    apply(inbound, bytes);
  }

  /** Passes {@code bytes} through the outbound stream, in place. */
  void encrypt(byte[] bytes) {
    apply(outbound, bytes);
  }

  private static void apply(Cipher cipher, byte[] bytes) {
    try {
      cipher.update(bytes, 0, bytes.length, bytes, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RC4 cannot fail on an in-place update", e);
    }
  }

  private static Cipher rc4(String label, byte[] secret, byte[] skey) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(label.getBytes(StandardCharsets.US_ASCII));
      sha1.update(secret);
      sha1.update(skey);
      // ENCRYPT_MODE for both directions: RC4 is a keystream XOR, the same either way.
      Cipher cipher = Cipher.getInstance("ARCFOUR");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sha1.digest(), "ARCFOUR"));
      apply(cipher, new byte[DISCARDED_KEYSTREAM]);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks SHA-1 or RC4 (ARCFOUR)", e);
    }
  }
}
