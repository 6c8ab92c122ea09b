package io.bttspeed.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.wallet.error.InvalidArgumentException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeystoreTest {

  private final Keystore keystore = new Keystore(new SecureRandom());
  private static final Keystore.ScryptCost FAST = new Keystore.ScryptCost(1 << 10, 8, 1);

  // Source: the "Web3 Secret Storage Definition" test vectors (ethereum.org / the Ethereum wiki),
  // password "testpassword", private key 7a28b5ba...14fe9d.
  private static final String SPEC_SCRYPT =
      """
      {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
       "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
       "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,
       "salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
       "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
       "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
      """;
  private static final String SPEC_PBKDF2 =
      """
      {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
       "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
       "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256",
       "salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
       "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
       "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
      """;
  private static final String SPEC_KEY =
      "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

  @Test
  void specScryptVectorWithRfcViolatingCostIsRejectedNotCrashed() {
    // The spec's scrypt vector uses r=1, n=2^18, which breaks RFC 7914's n < 2^(16 r).
    assertRefused(SPEC_SCRYPT, "scrypt n must be below 2^(16 r)");
  }

  @Test
  void standardCostKeystoreAsTronLinkWritesDecrypts() {
    TronKey key = TronKey.ofPrivateKeyHex(SPEC_KEY);
    String json = keystore.encrypt(key, "testpassword", Keystore.ScryptCost.STANDARD);
    assertTrue(json.contains("\"n\":262144"));
    assertEquals(SPEC_KEY, keystore.decrypt(json, "testpassword").privateKeyHex());
  }

  @Test
  void specPbkdf2VectorDecrypts() {
    assertEquals(SPEC_KEY, keystore.decrypt(SPEC_PBKDF2, "testpassword").privateKeyHex());
  }

  @Test
  void encryptedKeyDecryptsBackUnderTheSamePassword() {
    TronKey key = TronKey.ofPrivateKeyHex(SPEC_KEY);
    String json = keystore.encrypt(key, "correct horse", FAST);
    assertFalse(json.contains(SPEC_KEY));
    assertTrue(json.contains("\"address\":\"" + key.address().hex().substring(2) + "\""));
    assertEquals(key.address(), keystore.decrypt(json, "correct horse").address());
  }

  @Test
  void wrongPasswordIsRejectedAsSuch() {
    String json = keystore.encrypt(TronKey.ofPrivateKeyHex(SPEC_KEY), "correct horse", FAST);
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class, () -> keystore.decrypt(json, "battery staple"));
    assertTrue(e.getMessage().contains("wrong keystore password"));
  }

  @Test
  void malformedKeystoresAreRejectedWithTheReason() {
    for (String bad :
        new String[] {
          "not json",
          "{}",
          "{\"version\":3}",
          "[1,2]",
          SPEC_SCRYPT.replace("aes-128-ctr", "aes-256-gcm"),
          SPEC_SCRYPT.replace("\"n\":262144", "\"n\":1000"),
          SPEC_SCRYPT.replace("83dbcc02", "zzzzzzzz")
        }) {
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class, () -> keystore.decrypt(bad, "testpassword"), bad);
      assertTrue(e.getMessage().startsWith("malformed keystore JSON"), e.getMessage());
    }
  }

  /**
   * A keystore with the spec's scrypt layout and these KDF parameters (the MAC is irrelevant:
   * refused first).
   */
  private static String scrypt(String n, String r, String p) {
    return SPEC_SCRYPT
        .replace("\"n\":262144", "\"n\":" + n)
        .replace("\"r\":1,", "\"r\":" + r + ",")
        .replace("\"p\":8,", "\"p\":" + p + ",");
  }

  @Test
  void kdfParametersBeyondWhatRealWalletsWriteAreRefusedBeforeAnyWork() {
    String[] hostile = {
      scrypt("1048576", "48", "1"), // n = 2^20, r = 48: 6 GB and 30 s
      scrypt("1024", "1024", "1"), // r = 1024: Bouncy Castle threw, the client got INTERNAL
      scrypt("524288", "8", "1"), // n = 2^19, above the standard 2^18
      scrypt("262144", "8", "16"), // p = 16 at the standard n: 16 times the standard work
      scrypt("4294967298", "8", "1"), // 2^32 + 2 used to be read as n = 2
      scrypt("1024.5", "8", "1"),
      scrypt("\"1024\"", "8", "1"),
      SPEC_PBKDF2.replace("\"c\":262144", "\"c\":10000000"), // ten million rounds
      SPEC_PBKDF2.replace("\"dklen\":32", "\"dklen\":1000000000"), // a gigabyte of derived key
      SPEC_PBKDF2.replace("\"dklen\":32", "\"dklen\":64"),
      SPEC_PBKDF2.replace("ae3cd4e7", "ae3cd4e7" + "00".repeat(100_000)), // a 100 kB salt
      SPEC_PBKDF2.replace("5318b4d5", "5318b4d5" + "00".repeat(100)), // a ciphertext that is no key
    };
    for (String bad : hostile) {
      long started = System.nanoTime();
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> keystore.decrypt(bad, "testpassword"));
      assertTrue(e.getMessage().startsWith("malformed keystore JSON"), e.getMessage());
      assertTrue(
          System.nanoTime() - started < java.time.Duration.ofMillis(500).toNanos(),
          "refused before deriving: " + e.getMessage());
    }
  }

  @Test
  void keystoreJsonLongerThanTheBoundIsRefusedBeforeParsing() {
    String padded =
        SPEC_PBKDF2.replace("\"version\":3", "\"version\":3,\"x\":\"" + "a".repeat(20_000) + "\"");
    assertRefused(padded, "longer than 16384 characters");
  }

  private void assertRefused(String json, String why) {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> keystore.decrypt(json, "testpassword"));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void lightCostKeystoreAsWeb3jWritesDecrypts() {
    TronKey key = TronKey.ofPrivateKeyHex(SPEC_KEY);
    String json = keystore.encrypt(key, "testpassword", Keystore.ScryptCost.LIGHT);
    assertEquals(SPEC_KEY, keystore.decrypt(json, "testpassword").privateKeyHex());
  }

  /**
   * Eight imports released together through a limiter of two that does not wait: some are refused.
   */
  @Test
  void keyDerivationsBeyondTheLimitAreRefusedAsResourceExhausted() throws Exception {
    KdfLimiter limiter = new KdfLimiter(2, java.time.Duration.ZERO);
    Keystore limited = new Keystore(new SecureRandom(), limiter);
    String json =
        keystore.encrypt(
            TronKey.ofPrivateKeyHex(SPEC_KEY), "testpassword", Keystore.ScryptCost.STANDARD);
    int threads = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.atomic.AtomicInteger decrypted =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    limited.decrypt(json, "testpassword");
                    decrypted.incrementAndGet();
                  } catch (io.bttspeed.wallet.error.ResourceExhaustedException e) {
                    refused.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads, decrypted.get() + refused.get());
    assertTrue(decrypted.get() >= 1, "the first ones ran");
    assertTrue(
        refused.get() >= threads - 2 * 2, "at most two ran at once: " + refused.get() + " refused");
  }
}
