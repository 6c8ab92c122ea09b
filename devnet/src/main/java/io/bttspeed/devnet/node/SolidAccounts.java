package io.bttspeed.devnet.node;

import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.tron.address.TronAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tron.trident.proto.Response.Account;

/**
 * Accounts as of the solidified block, head − lag: each sealed block's account changes wait here
 * until the block solidifies. After a restart the node's stored head state is taken as solid, since
 * it is what was last committed. Callers hold the node's lock.
 */
final class SolidAccounts {
  private final int lag;
  private final Map<TronAddress, Account> solid = new HashMap<>();
  private final Deque<StateChanges> unsolidified = new ArrayDeque<>();

  SolidAccounts(int lag, Iterable<Account> committed) {
    this.lag = lag;
    committed.forEach(account -> solid.put(TronAddress.of(account.getAddress()), account));
  }

  void sealed(StateChanges block) {
    unsolidified.addLast(block);
    while (unsolidified.size() > lag) {
      StateChanges solidified = unsolidified.removeFirst();
      solidified.deleted().forEach(solid::remove);
      solid.putAll(solidified.accounts());
    }
  }

  Optional<Account> account(TronAddress address) {
    return Optional.ofNullable(solid.get(address));
  }
}
