package io.bttspeed.wallet.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.web3j.crypto.Hash;

/**
 * Web3 Secret Storage (keystore V3): AES-128-CTR under a key derived by scrypt (written) or scrypt / PBKDF2
 * (read), with a keccak256 MAC. The same format TronLink, tronweb and web3j read and write; the {@code
 * address} field is the 20-byte account hex as in Ethereum keystores.
 *
 * <p>The web3j 4.12.3 {@code crypto} artifact no longer ships {@code Wallet}/{@code WalletFile}, so the
 * format is written here on Bouncy Castle's scrypt.
 */
public final class Keystore {

  /** scrypt cost parameters; {@link #STANDARD} is what web3j and geth call "standard". */
  public record ScryptCost(int n, int r, int p) {
    public static final ScryptCost STANDARD = new ScryptCost(1 << 18, 8, 1);
    public static final ScryptCost LIGHT = new ScryptCost(1 << 12, 8, 6);

    public ScryptCost {
      if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1) {
        throw new IllegalArgumentException("scrypt n must be a power of two above 1, r and p positive");
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int DKLEN = 32;
  private static final int MAX_SCRYPT_N = 1 << 20;
  private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

  private final SecureRandom random;

  public Keystore(SecureRandom random) {
    this.random = random;
  }

  /** Encrypts the key under the password and returns the keystore JSON. */
  public String encrypt(TronKey key, String password, ScryptCost cost) {
    byte[] salt = new byte[32];
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    byte[] derived = SCrypt.generate(utf8(password), salt, cost.n(), cost.r(), cost.p(), DKLEN);
    byte[] plain = key.privateKeyBytes();
    byte[] cipherText = aesCtr(Cipher.ENCRYPT_MODE, derived, iv, plain);
    Arrays.fill(plain, (byte) 0);
    ObjectNode root = JSON.createObjectNode();
    root.put("address", HEX.formatHex(key.address().evmBytes()));
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
    byte[] cipherText = hexField(crypto, "ciphertext");
    byte[] iv = hexField(crypto.path("cipherparams"), "iv");
    byte[] expectedMac = hexField(crypto, "mac");
    byte[] derived = deriveKey(crypto.path("kdf").asText(), crypto.path("kdfparams"), password);
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

  private static byte[] deriveKey(String kdf, JsonNode params, String password) {
    int dklen = params.path("dklen").asInt(0);
    if (dklen < DKLEN) {
      throw malformed("kdfparams.dklen must be at least 32");
    }
    byte[] salt = hexField(params, "salt");
    switch (kdf) {
      case "scrypt" -> {
        int n = params.path("n").asInt(0);
        int r = params.path("r").asInt(0);
        int p = params.path("p").asInt(0);
        // RFC 7914 requires n < 2^(16 r); Bouncy Castle enforces it, so out-of-range files fail here.
        if (n < 2 || n > MAX_SCRYPT_N || (n & (n - 1)) != 0 || r < 1 || p < 1 || (long) r * p > 1024
            || (r < 2 && n >= 1 << (16 * r))) {
          throw malformed("scrypt parameters out of range");
        }
        return SCrypt.generate(utf8(password), salt, n, r, p, dklen);
      }
      case "pbkdf2" -> {
        int rounds = params.path("c").asInt(0);
        if (!"hmac-sha256".equals(params.path("prf").asText()) || rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
          throw malformed("pbkdf2 needs prf hmac-sha256 and a sane round count");
        }
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
        gen.init(utf8(password), salt, rounds);
        return ((KeyParameter) gen.generateDerivedParameters(dklen * 8)).getKey();
      }
      default -> throw malformed("kdf must be scrypt or pbkdf2");
    }
  }

  private static byte[] mac(byte[] derived, byte[] cipherText) {
    byte[] input = new byte[16 + cipherText.length];
    System.arraycopy(derived, 16, input, 0, 16);
    System.arraycopy(cipherText, 0, input, 16, cipherText.length);
    return Hash.sha3(input);
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

  private static byte[] hexField(JsonNode node, String name) {
    String text = node.path(name).asText("");
    if (text.isEmpty()) {
      throw malformed("field '" + name + "' is missing");
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
