package io.bttspeed.tron.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Security;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.tron.trident.core.key.KeyPair;

class JdkProvidersFirstTest {

  @Test
  void theJdkDigestsServeAgainAfterTridentPutBouncyCastleFirstAndTridentStillSigns()
      throws Exception {
    KeyPair tridentKey = KeyPair.generate(); // loads Trident's SECP256K1, which puts BC first
    if (!"BC".equals(Security.getProviders()[0].getName())) {
      // Another test of this JVM installed BC before Trident loaded: do what Trident does.
      Security.removeProvider("BC");
      Security.insertProviderAt(new BouncyCastleProvider(), 1);
    }
    assertEquals("BC", MessageDigest.getInstance("SHA-1").getProvider().getName());

    JdkProvidersFirst.ensure();

    assertEquals("SUN", MessageDigest.getInstance("SHA-1").getProvider().getName());
    assertEquals("SUN", MessageDigest.getInstance("SHA-256").getProvider().getName());
    // Trident asks for Bouncy Castle by name: with it last, keys still sign.
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest("tx".getBytes(StandardCharsets.UTF_8));
    assertEquals(65, KeyPair.signTransaction(hash, tridentKey).length);
    // Installed once, it is not installed again at the front: what a later Trident load would do.
    assertEquals(-1, Security.insertProviderAt(new BouncyCastleProvider(), 1));
    assertNotEquals("BC", Security.getProviders()[0].getName());
    JdkProvidersFirst.ensure(); // and again is harmless
    assertEquals("BC", Security.getProviders()[Security.getProviders().length - 1].getName());
  }

  @Test
  void bothProvidersGiveTheSameDigests() throws Exception {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    // FIPS 180-2 test vector "abc".
    assertArrayEquals(
        HexFormat.of().parseHex("a9993e364706816aba3e25717850c26c9cd0d89d"),
        MessageDigest.getInstance("SHA-1", "SUN").digest(data));
    assertArrayEquals(
        MessageDigest.getInstance("SHA-1", new BouncyCastleProvider()).digest(data),
        MessageDigest.getInstance("SHA-1", "SUN").digest(data));
  }
}
