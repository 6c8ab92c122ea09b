package io.bttspeed.devnet.chain.contract;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.StorageSlot;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.state.StateBackend;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.tron.trident.proto.Response.Account;

/**
 * The chain's state as the TVM reads it: 20-byte addresses, TRC-10 ids as numbers, words for
 * storage.
 */
final class VmStateView implements StateBackend {
  private final StateReader state;
  private final LongFunction<Word> blockHashes;

  VmStateView(StateReader state, LongFunction<Word> blockHashes) {
    this.state = state;
    this.blockHashes = blockHashes;
  }

  static TronAddress tron(Address address) {
    return TronAddress.of(address.toTron());
  }

  @Override
  public boolean exists(Address address) {
    return state.account(tron(address)).isPresent();
  }

  @Override
  public long balance(Address address) {
    return state.account(tron(address)).map(Account::getBalance).orElse(0L);
  }

  @Override
  public long tokenBalance(Address address, long tokenId) {
    return state
        .account(tron(address))
        .map(a -> a.getAssetV2OrDefault(Long.toString(tokenId), 0L))
        .orElse(0L);
  }

  @Override
  public Map<Long, Long> tokenBalances(Address address) {
    Map<Long, Long> balances = new HashMap<>();
    state
        .account(tron(address))
        .ifPresent(
            account ->
                account
                    .getAssetV2Map()
                    .forEach(
                        (id, units) -> {
                          if (units != 0) {
                            balances.put(Long.parseLong(id), units);
                          }
                        }));
    return balances;
  }

  @Override
  public byte[] code(Address address) {
    return state.code(tron(address)).toByteArray();
  }

  @Override
  public Word storage(Address address, Word key) {
    return state
        .storage(new StorageSlot(tron(address), ByteString.copyFrom(key.toBytes())))
        .map(value -> Word.fromBytes(value.toByteArray()))
        .orElse(Word.ZERO);
  }

  @Override
  public Word blockHash(long number) {
    return blockHashes.apply(number);
  }
}
