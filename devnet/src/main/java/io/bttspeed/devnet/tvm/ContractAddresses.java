package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.hash.Keccak;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** TRON's contract address derivations (java-tron {@code WalletUtil} / {@code TransactionUtil}). */
public final class ContractAddresses {

  private ContractAddresses() {}

  /** CreateSmartContract: keccak256(txid ‖ 0x41 ‖ owner20)[12..]. */
  public static Address forCreateTransaction(Word txId, Address owner) {
    return last20(Keccak.hash(txId.toBytes(), owner.toTron()));
  }

  /** CREATE: keccak256(rootTxId ‖ nonce as 8 big-endian bytes)[12..]. */
  public static Address forCreate(Word rootTxId, long nonce) {
    return last20(Keccak.hash(rootTxId.toBytes(), ByteBuffer.allocate(8).putLong(nonce).array()));
  }

  /** CREATE2: keccak256(0x41 ‖ sender20 ‖ salt ‖ keccak256(initCode))[12..]. */
  public static Address forCreate2(Address sender, Word salt, byte[] initCode) {
    return last20(Keccak.hash(sender.toTron(), salt.toBytes(), Keccak.hash(initCode)));
  }

  private static Address last20(byte[] hash) {
    return Address.of(Arrays.copyOfRange(hash, 12, 32));
  }
}
