package io.bttspeed.contracts.voucher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

class Tip712VoucherTest {
  private static final EvmAddress CONTRACT = EvmAddress.fromHex("0x" + "3c".repeat(20));
  private static final ChannelId CHANNEL = ChannelId.fromHex("0x" + "9e".repeat(32));

  static Stream<Arguments> vouchers() {
    return Stream.of(
        Arguments.of(0x2b6653dcL, CONTRACT, CHANNEL, BigInteger.ZERO),
        Arguments.of(0xcd8690dcL, CONTRACT, CHANNEL, BigInteger.valueOf(1_000_000)),
        Arguments.of(
            1L,
            EvmAddress.fromHex("0x00000000000000000000000000000000000000ff"),
            ChannelId.fromHex("0x" + "01".repeat(32)),
            BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(123_456_789))),
        Arguments.of(
            0xffffffffL,
            CONTRACT,
            CHANNEL,
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
  }

  @ParameterizedTest
  @MethodSource("vouchers")
  void digestEqualsWeb3jStructuredDataEncoding(
      long chainId, EvmAddress contract, ChannelId channel, BigInteger cumulative)
      throws Exception {
    Tip712Domain domain = new Tip712Domain(chainId, contract);
    Voucher voucher = new Voucher(channel, cumulative);

    StructuredDataEncoder reference = new StructuredDataEncoder(typedDataJson(domain, voucher));

    assertArrayEquals(reference.hashDomain(), Tip712Voucher.domainSeparator(domain));
    assertArrayEquals(reference.hashStructuredData(), Tip712Voucher.digest(domain, voucher));
  }

  @Test
  void anotherChainOrContractOrChannelOrAmountGivesAnotherDigest() {
    Tip712Domain domain = new Tip712Domain(0x2b6653dcL, CONTRACT);
    Voucher voucher = new Voucher(CHANNEL, BigInteger.TEN);
    byte[] digest = Tip712Voucher.digest(domain, voucher);

    byte[][] others = {
      Tip712Voucher.digest(new Tip712Domain(0x2b6653ddL, CONTRACT), voucher),
      Tip712Voucher.digest(new Tip712Domain(0x2b6653dcL, EvmAddress.ZERO), voucher),
      Tip712Voucher.digest(domain, new Voucher(ChannelId.of(new byte[32]), BigInteger.TEN)),
      Tip712Voucher.digest(domain, new Voucher(CHANNEL, BigInteger.valueOf(11))),
    };
    for (byte[] other : others) {
      assertFalse(Arrays.equals(digest, other));
    }
  }

  /**
   * What the wallet will do: sign the digest with the payer's key; what the contract does: recover.
   */
  @Test
  void signatureOverTheDigestRecoversThePayer() throws Exception {
    ECKeyPair payer =
        ECKeyPair.create(BigInteger.valueOf(0x5eedL).shiftLeft(200).add(BigInteger.TEN));
    byte[] digest =
        Tip712Voucher.digest(
            new Tip712Domain(0x2b6653dcL, CONTRACT), new Voucher(CHANNEL, BigInteger.TEN));

    Sign.SignatureData raw = Sign.signMessage(digest, payer, false);
    VoucherSignature signature =
        VoucherSignature.of(
            new BigInteger(1, raw.getR()), new BigInteger(1, raw.getS()), raw.getV()[0]);

    byte[] bytes = signature.bytes();
    Sign.SignatureData parsed =
        new Sign.SignatureData(
            bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
    BigInteger recovered = Sign.signedMessageHashToKey(digest, parsed);
    assertEquals(Keys.getAddress(payer.getPublicKey()), Keys.getAddress(recovered));
  }

  private static String typedDataJson(Tip712Domain domain, Voucher voucher) {
    return """
           {
             "types": {
               "EIP712Domain": [
                 {"name": "name", "type": "string"},
                 {"name": "version", "type": "string"},
                 {"name": "chainId", "type": "uint256"},
                 {"name": "verifyingContract", "type": "address"}
               ],
               "Voucher": [
                 {"name": "channelId", "type": "bytes32"},
                 {"name": "cumulativeAmount", "type": "uint256"}
               ]
             },
             "primaryType": "Voucher",
             "domain": {
               "name": "BttSpeedChannels",
               "version": "1",
               "chainId": %d,
               "verifyingContract": "%s"
             },
             "message": {"channelId": "%s", "cumulativeAmount": "%s"}
           }
           """
        .formatted(
            domain.chainId(),
            domain.verifyingContract(),
            voucher.channelId(),
            voucher.cumulativeAmount());
  }
}
