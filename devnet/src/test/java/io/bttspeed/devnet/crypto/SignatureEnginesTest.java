package io.bttspeed.devnet.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The native and Bouncy Castle engines are interchangeable: same signatures, same recovered keys. */
class SignatureEnginesTest {
  @Test
  void nativeEngineLoadsOnLinuxX64() {
    if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
      assertEquals("libsecp256k1 (native)", Secp256k1.engineName());
    }
  }

  @Test
  void nativeAndBouncyCastleAgreeOnSignaturesAndRecovery() {
    SignatureEngine bouncyCastle = new BouncyCastleSignatureEngine();
    SignatureEngine nativeEngine = NativeSignatureEngine.load().orElse(bouncyCastle);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      BigInteger key = new BigInteger(255, random).add(BigInteger.ONE);
      SignatureEngine.Signed a = nativeEngine.sign(digest, key);
      SignatureEngine.Signed b = bouncyCastle.sign(digest, key);
      assertArrayEquals(a.rs(), b.rs(), "RFC 6979 nonces make both deterministic");
      assertEquals(a.recoveryId(), b.recoveryId());
      assertArrayEquals(nativeEngine.recover(digest, a.rs(), a.recoveryId()),
          bouncyCastle.recover(digest, a.rs(), a.recoveryId()));
      assertEquals(Secp256k1.addressOf(key),
          TronAddress.fromPublicKey(nativeEngine.recover(digest, a.rs(), a.recoveryId())));
    }
  }
}
