package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLDATACOPY;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLDATASIZE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.GAS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.POP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.RETURN;
import static io.bttspeed.devnet.tvm.ops.Opcodes.RETURNDATACOPY;
import static io.bttspeed.devnet.tvm.ops.Opcodes.RETURNDATASIZE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STATICCALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.devnet.tvm.precompile.Precompiles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class PrecompileTest {

  private final TvmFixture fx = new TvmFixture();

  /**
   * A contract that forwards its call data to precompile {@code n} and returns the precompile's
   * output.
   */
  private ExecutionResult callPrecompile(int n, byte[] input) {
    byte[] forwarder =
        Asm.code()
            .op(CALLDATASIZE)
            .push(0)
            .push(0)
            .op(CALLDATACOPY)
            .push(0)
            .push(0)
            .op(CALLDATASIZE)
            .push(0)
            .push(Precompiles.address(n))
            .op(GAS, STATICCALL, POP)
            .op(RETURNDATASIZE)
            .push(0)
            .push(0)
            .op(RETURNDATACOPY)
            .op(RETURNDATASIZE)
            .push(0)
            .op(RETURN)
            .build();
    Address contract = fx.install(TvmFixture.address(9), forwarder);
    ExecutionResult r = fx.call(contract, input, 1_000_000);
    assertEquals(Outcome.SUCCESS, r.outcome());
    return r;
  }

  private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static byte[] ecrecoverInput(byte[] hash, Sign.SignatureData sig) {
    byte[] in = new byte[128];
    System.arraycopy(hash, 0, in, 0, 32);
    in[63] = sig.getV()[0];
    System.arraycopy(sig.getR(), 0, in, 64, 32);
    System.arraycopy(sig.getS(), 0, in, 96, 32);
    return in;
  }

  @Test
  void ecrecoverAnswersTheTronPrefixedAddressInAWord() throws Exception {
    ECKeyPair key = ECKeyPair.create(new BigInteger("1234567890abcdef", 16));
    byte[] hash = sha256("voucher".getBytes(StandardCharsets.UTF_8));
    Sign.SignatureData sig = Sign.signMessage(hash, key, false);

    byte[] out = callPrecompile(1, ecrecoverInput(hash, sig)).returnData();

    byte[] expected = new byte[32];
    expected[11] = 0x41;
    byte[] signer = HexFormat.of().parseHex(Keys.getAddress(key.getPublicKey()));
    System.arraycopy(signer, 0, expected, 12, 20);
    assertArrayEquals(expected, out);
  }

  @Test
  void ecrecoverAnswersNothingForABadSignature() throws Exception {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(42));
    byte[] hash = sha256("x".getBytes(StandardCharsets.UTF_8));
    byte[] input = ecrecoverInput(hash, Sign.signMessage(hash, key, false));
    input[63] = 29;
    assertEquals(0, callPrecompile(1, input).returnData().length);
  }

  @Test
  void sha256PrecompileHashesItsInput() throws Exception {
    byte[] input = "hello".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(sha256(input), callPrecompile(2, input).returnData());
  }

  @Test
  void precompile3IsSha256OfTheFirst20BytesOfSha256() throws Exception {
    byte[] input = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] expected = sha256(Arrays.copyOf(sha256(input), 20));
    assertArrayEquals(expected, callPrecompile(3, input).returnData());
  }

  @Test
  void identityReturnsItsInput() {
    byte[] input = "some bytes of call data".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(input, callPrecompile(4, input).returnData());
  }

  @Test
  void modexpComputesAModularPower() {
    byte[] input = new byte[96 + 3];
    input[31] = 1;
    input[63] = 1;
    input[95] = 1;
    input[96] = 3;
    input[97] = 5;
    input[98] = 7;
    assertArrayEquals(
        new byte[] {5}, callPrecompile(5, input).returnData()); // 3^5 mod 7 = 243 mod 7 = 5
  }
}
