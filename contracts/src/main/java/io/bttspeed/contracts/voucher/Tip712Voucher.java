package io.bttspeed.contracts.voucher;

import static io.bttspeed.contracts.abi.AbiCodec.bytes32;
import static io.bttspeed.contracts.abi.AbiCodec.uint256;

import io.bttspeed.contracts.abi.AbiCodec;
import java.io.ByteArrayOutputStream;

/**
 * The digest a payer signs for a voucher and a payee verifies: TIP-712, which is EIP-712 with
 * TRON's chain id, computed exactly as the channel contracts' {@code voucherDigest} does.
 *
 * <pre>
 * digest = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash)
 * domainSeparator = keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256(name), keccak256(version),
 *                                        chainId, verifyingContract))
 * structHash = keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, cumulativeAmount))
 * </pre>
 */
public final class Tip712Voucher {
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
  public static final String VOUCHER_TYPE = "Voucher(bytes32 channelId,uint256 cumulativeAmount)";

  private static final byte[] DOMAIN_TYPEHASH = AbiCodec.keccak(DOMAIN_TYPE);
  private static final byte[] VOUCHER_TYPEHASH = AbiCodec.keccak(VOUCHER_TYPE);
  private static final byte[] NAME_HASH = AbiCodec.keccak(Tip712Domain.NAME);
  private static final byte[] VERSION_HASH = AbiCodec.keccak(Tip712Domain.VERSION);

  private Tip712Voucher() {}

  public static byte[] domainSeparator(Tip712Domain domain) {
    return AbiCodec.keccak(
        AbiCodec.encode(
            bytes32(DOMAIN_TYPEHASH),
            bytes32(NAME_HASH),
            bytes32(VERSION_HASH),
            uint256(domain.chainId()),
            AbiCodec.address(domain.verifyingContract())));
  }

  public static byte[] structHash(Voucher voucher) {
    return AbiCodec.keccak(
        AbiCodec.encode(
            bytes32(VOUCHER_TYPEHASH),
            bytes32(voucher.channelId().bytes()),
            uint256(voucher.cumulativeAmount())));
  }

  /** The 32 bytes the payer signs with secp256k1 (no further prefix or hashing). */
  public static byte[] digest(Tip712Domain domain, Voucher voucher) {
    ByteArrayOutputStream message = new ByteArrayOutputStream(66);
    message.write(0x19);
    message.write(0x01);
    message.writeBytes(domainSeparator(domain));
    message.writeBytes(structHash(voucher));
    return AbiCodec.keccak(message.toByteArray());
  }
}
