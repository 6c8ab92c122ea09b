package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A state held in maps: tests, benchmarks, and anything that wants to run contracts without a
 * chain. {@link #apply(VmStateChanges)} commits an execution's result the way the chain would.
 */
public final class InMemoryStateBackend implements StateBackend {

  private static final class Account {
    long balance;
    final Map<Long, Long> tokens = new TreeMap<>();
    byte[] code = new byte[0];
    final Map<Word, Word> storage = new HashMap<>();
  }

  private final Map<Address, Account> accounts = new HashMap<>();
  private final Map<Long, Word> blockHashes = new HashMap<>();

  private Account account(Address address) {
    return accounts.computeIfAbsent(address, a -> new Account());
  }

  public InMemoryStateBackend putBalance(Address address, long sun) {
    account(address).balance = sun;
    return this;
  }

  public InMemoryStateBackend putTokenBalance(Address address, long tokenId, long amount) {
    account(address).tokens.put(tokenId, amount);
    return this;
  }

  public InMemoryStateBackend putCode(Address address, byte[] code) {
    account(address).code = code.clone();
    return this;
  }

  public InMemoryStateBackend putStorage(Address address, Word key, Word value) {
    account(address).storage.put(key, value);
    return this;
  }

  public InMemoryStateBackend putBlockHash(long number, Word hash) {
    blockHashes.put(number, hash);
    return this;
  }

  /** Commits an execution's net changes. */
  public void apply(VmStateChanges changes) {
    changes.createdAccounts().forEach(this::account);
    changes.balances().forEach((a, v) -> account(a).balance = v);
    changes.tokenBalances().forEach((a, m) -> account(a).tokens.putAll(m));
    changes.newContracts().forEach(c -> account(c.address()).code = c.code().clone());
    changes
        .storage()
        .forEach(
            (a, slots) ->
                slots.forEach(
                    (k, v) -> {
                      if (v.isZero()) {
                        account(a).storage.remove(k);
                      } else {
                        account(a).storage.put(k, v);
                      }
                    }));
    changes.deletedAccounts().forEach(accounts::remove);
  }

  @Override
  public boolean exists(Address address) {
    return accounts.containsKey(address);
  }

  @Override
  public long balance(Address address) {
    Account a = accounts.get(address);
    return a == null ? 0 : a.balance;
  }

  @Override
  public long tokenBalance(Address address, long tokenId) {
    Account a = accounts.get(address);
    return a == null ? 0 : a.tokens.getOrDefault(tokenId, 0L);
  }

  @Override
  public Map<Long, Long> tokenBalances(Address address) {
    Account a = accounts.get(address);
    return a == null ? Map.of() : Map.copyOf(a.tokens);
  }

  @Override
  public byte[] code(Address address) {
    Account a = accounts.get(address);
    return a == null ? new byte[0] : a.code;
  }

  @Override
  public Word storage(Address address, Word key) {
    Account a = accounts.get(address);
    return a == null ? Word.ZERO : a.storage.getOrDefault(key, Word.ZERO);
  }

  @Override
  public Word blockHash(long number) {
    return blockHashes.getOrDefault(number, Word.ZERO);
  }
}
