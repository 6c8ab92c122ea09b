package io.bttspeed.wallet.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bttspeed.tron.hash.Keccak;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Web3 Secret Storage (keystore V3): AES-128-CTR under a key derived by scrypt (written) or scrypt
 * / PBKDF2 (read), with a keccak256 MAC. The same format TronLink, tronweb and web3j read and
 * write; the {@code address} field is the 20-byte account hex as in Ethereum keystores.
 *
 * <p>The web3j 4.12.3 {@code crypto} artifact no longer ships {@code Wallet}/{@code WalletFile}, so
 * the format is written here on Bouncy Castle's scrypt.
 *
 * <p>A keystore is attacker input: its size and every KDF parameter are checked against what real
 * wallets write ({@link #MAX_JSON_CHARS}, {@link KdfBounds}) before any parsing or derivation, and
 * every derivation runs under the {@link KdfLimiter}.
 */
public final class Keystore {

  /** scrypt cost parameters; {@link #STANDARD} is what web3j and geth call "standard". */
  public record ScryptCost(int n, int r, int p) {
    public static final ScryptCost STANDARD = new ScryptCost(1 << 18, 8, 1);
    public static final ScryptCost LIGHT = new ScryptCost(1 << 12, 8, 6);

    public ScryptCost {
      if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1) {
        throw new IllegalArgumentException(
            "scrypt n must be a power of two above 1, r and p positive");
      }
    }
  }

  /**
   * A real keystore V3 is about 500 characters; this leaves room for pretty-printing and extra
   * fields.
   */
  public static final int MAX_JSON_CHARS = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int DKLEN = 32;

  private final SecureRandom random;
  private final KdfLimiter limiter;

  public Keystore(SecureRandom random) {
    this(random, KdfLimiter.standard());
  }

  public Keystore(SecureRandom random, KdfLimiter limiter) {
    this.random = random;
    this.limiter = limiter;
  }

  /** Encrypts the key under the password and returns the keystore JSON. */
  public String encrypt(TronKey key, String password, ScryptCost cost) {
    byte[] salt = new byte[32];
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    byte[] derived =
        limiter.derive(
            () -> SCrypt.generate(utf8(password), salt, cost.n(), cost.r(), cost.p(), DKLEN));
    byte[] plain = key.privateKeyBytes();
    byte[] cipherText = aesCtr(Cipher.ENCRYPT_MODE, derived, iv, plain);
    Arrays.fill(plain, (byte) 0);
    ObjectNode root = JSON.createObjectNode();
    root.put("address", HEX.formatHex(key.address().evm()));
    root.put("id", UUID.randomUUID().toString());
    root.put("version", 3);
    ObjectNode crypto = root.putObject("crypto");
    crypto.put("cipher", "aes-128-ctr");
    crypto.put("ciphertext", HEX.formatHex(cipherText));
    crypto.putObject("cipherparams").put("iv", HEX.formatHex(iv));
    crypto.put("kdf", "scrypt");
    ObjectNode kdf = crypto.putObject("kdfparams");
    kdf.put("dklen", DKLEN);
    kdf.put("n", cost.n());
    kdf.put("p", cost.p());
    kdf.put("r", cost.r());
    kdf.put("salt", HEX.formatHex(salt));
    crypto.put("mac", HEX.formatHex(mac(derived, cipherText)));
    return root.toString();
  }

  /**
   * Decrypts a keystore. A JSON that is not keystore V3 and a wrong password are both {@link
   * InvalidArgumentException}s, with messages that tell them apart.
   */
  public TronKey decrypt(String keystoreJson, String password) {
    return decrypt(keystoreJson, password, KdfBounds.IMPORTED);
  }

  /** Decrypts one of the wallet's own stored keystores, written at the configured at-rest cost. */
  public TronKey decryptAtRest(String keystoreJson, String password) {
    return decrypt(keystoreJson, password, KdfBounds.AT_REST);
  }

  private TronKey decrypt(String keystoreJson, String password, KdfBounds bounds) {
    if (keystoreJson.length() > MAX_JSON_CHARS) {
      throw malformed(
          "it is longer than " + MAX_JSON_CHARS + " characters; a keystore V3 is about 500");
    }
    JsonNode root;
    try {
      root = JSON.readTree(keystoreJson);
    } catch (JsonProcessingException e) {
      throw malformed("it is not JSON");
    }
    if (root == null || !root.isObject() || root.path("version").asInt(-1) != 3) {
      throw malformed("version 3 expected");
    }
    JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.path("Crypto");
    if (!"aes-128-ctr".equals(crypto.path("cipher").asText())) {
      throw malformed("only cipher aes-128-ctr is supported");
    }
    byte[] cipherText = hexField(crypto, "ciphertext", 32, 32);
    byte[] iv = hexField(crypto.path("cipherparams"), "iv", 16, 16);
    byte[] expectedMac = hexField(crypto, "mac", 32, 32);
    byte[] derived =
        deriveKey(crypto.path("kdf").asText(), crypto.path("kdfparams"), password, bounds);
    if (!MessageDigest.isEqual(expectedMac, mac(derived, cipherText))) {
      throw new InvalidArgumentException("wrong keystore password (the MAC does not match)");
    }
    byte[] plain = aesCtr(Cipher.DECRYPT_MODE, derived, iv, cipherText);
    try {
      return TronKey.ofPrivateKey(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Checks every parameter against {@link KdfBounds} before deriving anything. */
  private byte[] deriveKey(String kdf, JsonNode params, String password, KdfBounds bounds) {
    if (intParam(params, "dklen") != DKLEN) {
      throw malformed("kdfparams.dklen must be 32");
    }
    byte[] salt = hexField(params, "salt", 1, KdfBounds.MAX_SALT_BYTES);
    switch (kdf) {
      case "scrypt" -> {
        int n = intParam(params, "n");
        int r = intParam(params, "r");
        int p = intParam(params, "p");
        bounds
            .checkScrypt(n, r, p)
            .ifPresent(
                why -> {
                  throw malformed(why);
                });
        return limiter.derive(() -> SCrypt.generate(utf8(password), salt, n, r, p, DKLEN));
      }
      case "pbkdf2" -> {
        int rounds = intParam(params, "c");
        if (!"hmac-sha256".equals(params.path("prf").asText())) {
          throw malformed("pbkdf2 needs prf hmac-sha256");
        }
        bounds
            .checkPbkdf2(rounds)
            .ifPresent(
                why -> {
                  throw malformed(why);
                });
        return limiter.derive(
            () -> {
              PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
              gen.init(utf8(password), salt, rounds);
              return ((KeyParameter) gen.generateDerivedParameters(DKLEN * 8)).getKey();
            });
      }
      default -> throw malformed("kdf must be scrypt or pbkdf2");
    }
  }

  /**
   * A JSON integer that fits an int; a fraction, string or huge number is malformed, never
   * truncated.
   */
  private static int intParam(JsonNode params, String name) {
    JsonNode node = params.path(name);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw malformed("kdfparams." + name + " must be a whole number");
    }
    return node.intValue();
  }

  private static byte[] mac(byte[] derived, byte[] cipherText) {
    byte[] input = new byte[16 + cipherText.length];
    System.arraycopy(derived, 16, input, 0, 16);
    System.arraycopy(cipherText, 0, input, 16, cipherText.length);
    return Keccak.hash(input);
  }

  private static byte[] aesCtr(int mode, byte[] derived, byte[] iv, byte[] input) {
    if (iv.length != 16) {
      throw malformed("cipherparams.iv must be 16 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is available on every Java platform", e);
    }
  }

  private static byte[] hexField(JsonNode node, String name, int minBytes, int maxBytes) {
    String text = node.path(name).asText("");
    if (text.isEmpty()) {
      throw malformed("field '" + name + "' is missing");
    }
    if (text.length() < 2 * minBytes || text.length() > 2 * maxBytes) {
      throw malformed(
          "field '"
              + name
              + "' must be "
              + (minBytes == maxBytes ? "" : minBytes + " to ")
              + maxBytes
              + " bytes");
    }
    try {
      return HEX.parseHex(text.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw malformed("field '" + name + "' is not hex");
    }
  }

  private static byte[] utf8(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  private static InvalidArgumentException malformed(String why) {
    return new InvalidArgumentException("malformed keystore JSON: " + why);
  }
}
