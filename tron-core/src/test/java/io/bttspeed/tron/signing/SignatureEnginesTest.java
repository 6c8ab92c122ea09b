package io.bttspeed.tron.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The native and Bouncy Castle engines are interchangeable: same signatures, same recovered keys.
 */
class SignatureEnginesTest {
  @Test
  void nativeEngineLoadsOnLinuxX64() {
    if (System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
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
      byte[] key32 = Secp256k1.toBytes32(key);
      assertArrayEquals(nativeEngine.publicKey(key32), bouncyCastle.publicKey(key32));
      SignatureEngine.Signed a = nativeEngine.sign(digest, key32, nativeEngine.publicKey(key32));
      SignatureEngine.Signed b = bouncyCastle.sign(digest, key32, bouncyCastle.publicKey(key32));
      assertArrayEquals(a.rs(), b.rs(), "RFC 6979 nonces make both deterministic");
      assertEquals(a.recoveryId(), b.recoveryId());
      assertArrayEquals(
          nativeEngine.recover(digest, a.rs(), a.recoveryId()),
          bouncyCastle.recover(digest, a.rs(), a.recoveryId()));
      assertEquals(
          Secp256k1.addressOf(key),
          TronAddress.fromPublicKey(nativeEngine.recover(digest, a.rs(), a.recoveryId())));
    }
  }

  @Test
  void highSRecoversWithTheOtherRecoveryIdOnBothEnginesAsEcrecoverNeeds() {
    SignatureEngine bouncyCastle = new BouncyCastleSignatureEngine();
    SignatureEngine nativeEngine = NativeSignatureEngine.load().orElse(bouncyCastle);
    BigInteger n = Sign.CURVE_PARAMS.getN();
    byte[] key = Secp256k1.toBytes32(BigInteger.valueOf(12345));
    byte[] digest = Hash.sha256("ecrecover".getBytes(StandardCharsets.UTF_8));
    byte[] low = Secp256k1.sign(digest, new BigInteger(1, key));
    byte[] high = Arrays.copyOf(low, 64);
    BigInteger s = n.subtract(new BigInteger(1, Arrays.copyOfRange(low, 32, 64)));
    System.arraycopy(Secp256k1.toBytes32(s), 0, high, 32, 32);
    int flipped = 1 - (low[64] - 27);
    assertArrayEquals(
        Secp256k1.publicKey(key), Secp256k1.recoverPublicKey(digest, high, flipped).orElseThrow());
    assertArrayEquals(
        bouncyCastle.recover(digest, high, flipped), nativeEngine.recover(digest, high, flipped));
  }

  // Formerly the wallet's KeysTest: its signer was a second copy of these engines.
  @Test
  void signaturesRecoverToTheKeyWithWeb3jAndCarryVOf27Or28()
      throws java.security.SignatureException {
    byte[] key =
        HexFormat.of().parseHex("b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28");
    byte[] publicKey = Secp256k1.publicKey(key);
    byte[] digest = Hash.sha256("transfer".getBytes(StandardCharsets.UTF_8));
    byte[] signature = Secp256k1.sign(digest, key, publicKey);
    assertEquals(65, signature.length);
    assertTrue(signature[64] == 27 || signature[64] == 28);
    assertArrayEquals(signature, Secp256k1.sign(digest, new BigInteger(1, key)));
    Sign.SignatureData sig =
        new Sign.SignatureData(
            signature[64],
            Arrays.copyOfRange(signature, 0, 32),
            Arrays.copyOfRange(signature, 32, 64));
    assertEquals(Numeric.toBigInt(publicKey), Sign.signedMessageHashToKey(digest, sig));
  }
}
