package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A journaled overlay on a {@link StateBackend}. Every write records how to undo it, so a call
 * frame takes a {@link #checkpoint()} before it runs and {@link #revertTo(int)} discards exactly
 * its writes (and its callees') on revert or exceptional halt. One overlay serves a whole
 * transaction; {@link #changes()} reports the net result.
 */
public final class WorldState {

  private final StateBackend backend;
  private final Map<Address, AccountDelta> accounts = new LinkedHashMap<>();
  private final List<Runnable> journal = new ArrayList<>();

  /**
   * Backend reads, kept because a contract reads the same slots and code many times per
   * transaction.
   */
  private final Map<Address, Map<Word, Word>> originalStorage = new HashMap<>();

  private final Map<Address, byte[]> originalCode = new HashMap<>();

  public WorldState(StateBackend backend) {
    this.backend = backend;
  }

  public StateBackend backend() {
    return backend;
  }

  public int checkpoint() {
    return journal.size();
  }

  public void revertTo(int checkpoint) {
    for (int i = journal.size() - 1; i >= checkpoint; i--) {
      journal.remove(i).run();
    }
  }

  private AccountDelta delta(Address address) {
    return accounts.computeIfAbsent(address, a -> new AccountDelta());
  }

  public boolean exists(Address address) {
    AccountDelta d = accounts.get(address);
    return (d != null && (d.createdAccount || d.createdContract)) || backend.exists(address);
  }

  public long balance(Address address) {
    AccountDelta d = accounts.get(address);
    return d != null && d.balance != null ? d.balance : backend.balance(address);
  }

  private void setBalance(Address address, long value) {
    AccountDelta d = delta(address);
    Long previous = d.balance;
    d.balance = value;
    journal.add(() -> d.balance = previous);
  }

  /**
   * Moves sun; false (and nothing written) when the sender's balance is short. A non-zero amount
   * creates a missing recipient.
   */
  public boolean transfer(Address from, Address to, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative transfer " + amount);
    }
    long fromBalance = balance(from);
    if (fromBalance < amount) {
      return false;
    }
    if (amount == 0 || from.equals(to)) {
      return true;
    }
    createAccountIfMissing(to);
    setBalance(from, fromBalance - amount);
    setBalance(to, Math.addExact(balance(to), amount));
    return true;
  }

  /**
   * Zeroes the TRX and TRC-10 holdings (a contract destroying itself in favour of itself burns
   * them).
   */
  public void burnAll(Address address) {
    setBalance(address, 0);
    for (Long tokenId : tokenBalances(address).keySet()) {
      setTokenBalance(address, tokenId, 0);
    }
  }

  public long tokenBalance(Address address, long tokenId) {
    AccountDelta d = accounts.get(address);
    if (d != null) {
      Long v = d.tokens.get(tokenId);
      if (v != null) {
        return v;
      }
    }
    return backend.tokenBalance(address, tokenId);
  }

  private void setTokenBalance(Address address, long tokenId, long value) {
    AccountDelta d = delta(address);
    Long previous = d.tokens.put(tokenId, value);
    journal.add(() -> restore(d.tokens, tokenId, previous));
  }

  /** Moves TRC-10 units; false (and nothing written) when the sender holds too few. */
  public boolean transferToken(Address from, Address to, long tokenId, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative token transfer " + amount);
    }
    long fromBalance = tokenBalance(from, tokenId);
    if (fromBalance < amount) {
      return false;
    }
    if (amount == 0 || from.equals(to)) {
      return true;
    }
    createAccountIfMissing(to);
    setTokenBalance(from, tokenId, fromBalance - amount);
    setTokenBalance(to, tokenId, Math.addExact(tokenBalance(to, tokenId), amount));
    return true;
  }

  /** Every non-zero TRC-10 balance, backend and overlay merged, ordered by token id. */
  public Map<Long, Long> tokenBalances(Address address) {
    Map<Long, Long> merged = new TreeMap<>(backend.tokenBalances(address));
    AccountDelta d = accounts.get(address);
    if (d != null) {
      merged.putAll(d.tokens);
    }
    merged.values().removeIf(v -> v == 0);
    return merged;
  }

  public byte[] code(Address address) {
    AccountDelta d = accounts.get(address);
    if (d != null && d.code != null) {
      return d.code;
    }
    if (d != null && d.createdContract) {
      return new byte[0];
    }
    return originalCode.computeIfAbsent(address, backend::code);
  }

  public boolean isContract(Address address) {
    AccountDelta d = accounts.get(address);
    return (d != null && d.createdContract) || code(address).length > 0;
  }

  public Word storage(Address address, Word key) {
    AccountDelta d = accounts.get(address);
    if (d != null) {
      Word v = d.storage.get(key);
      if (v != null) {
        return v;
      }
      if (d.createdContract) {
        return Word.ZERO;
      }
    }
    return originalStorage(address, key);
  }

  private Word originalStorage(Address address, Word key) {
    return originalStorage
        .computeIfAbsent(address, a -> new HashMap<>())
        .computeIfAbsent(key, k -> backend.storage(address, k));
  }

  public void putStorage(Address address, Word key, Word value) {
    AccountDelta d = delta(address);
    Word previous = d.storage.put(key, value);
    journal.add(() -> restore(d.storage, key, previous));
  }

  public void createAccountIfMissing(Address address) {
    if (exists(address)) {
      return;
    }
    AccountDelta d = delta(address);
    d.createdAccount = true;
    journal.add(() -> d.createdAccount = false);
  }

  /**
   * Registers a contract account (code follows with {@link #saveCode}); it starts with empty
   * storage.
   */
  public void createContract(Address address, Address creator) {
    AccountDelta d = delta(address);
    boolean wasCreatedAccount = d.createdAccount;
    if (!backend.exists(address)) {
      d.createdAccount = true;
    }
    d.createdContract = true;
    d.creator = creator;
    journal.add(
        () -> {
          d.createdContract = false;
          d.creator = null;
          d.createdAccount = wasCreatedAccount;
        });
  }

  public void saveCode(Address address, byte[] code) {
    AccountDelta d = delta(address);
    byte[] previous = d.code;
    d.code = code.clone();
    journal.add(() -> d.code = previous);
  }

  /** Marks a self-destructed account; the chain removes it after applying everything else. */
  public void markDeleted(Address address) {
    AccountDelta d = delta(address);
    boolean previous = d.deleted;
    d.deleted = true;
    journal.add(() -> d.deleted = previous);
  }

  private static <K, V> void restore(Map<K, V> map, K key, V previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }

  /** The net changes against the backend, for the chain to apply. */
  public VmStateChanges changes() {
    Map<Address, Long> balances = new LinkedHashMap<>();
    Map<Address, Map<Long, Long>> tokens = new LinkedHashMap<>();
    Map<Address, Map<Word, Word>> storage = new LinkedHashMap<>();
    List<NewContract> contracts = new ArrayList<>();
    Set<Address> created = new LinkedHashSet<>();
    Set<Address> deleted = new LinkedHashSet<>();
    for (Map.Entry<Address, AccountDelta> e : accounts.entrySet()) {
      Address a = e.getKey();
      AccountDelta d = e.getValue();
      if (d.balance != null && (d.balance != backend.balance(a) || d.createdAccount)) {
        balances.put(a, d.balance);
      }
      Map<Long, Long> changedTokens = new TreeMap<>();
      d.tokens.forEach(
          (id, v) -> {
            if (v != backend.tokenBalance(a, id)) {
              changedTokens.put(id, v);
            }
          });
      if (!changedTokens.isEmpty()) {
        tokens.put(a, Collections.unmodifiableMap(changedTokens));
      }
      Map<Word, Word> changedSlots = new HashMap<>();
      d.storage.forEach(
          (k, v) -> {
            if (d.createdContract || !v.equals(originalStorage(a, k))) {
              changedSlots.put(k, v);
            }
          });
      if (!changedSlots.isEmpty()) {
        storage.put(a, Collections.unmodifiableMap(changedSlots));
      }
      if (d.createdContract) {
        contracts.add(new NewContract(a, d.code == null ? new byte[0] : d.code.clone(), d.creator));
      }
      if (d.createdAccount) {
        created.add(a);
      }
      if (d.deleted) {
        deleted.add(a);
      }
    }
    return new VmStateChanges(
        Collections.unmodifiableMap(balances),
        Collections.unmodifiableMap(tokens),
        Collections.unmodifiableMap(storage),
        List.copyOf(contracts),
        Collections.unmodifiableSet(created),
        Collections.unmodifiableSet(deleted));
  }
}
