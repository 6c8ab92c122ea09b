package io.bttspeed.devnet.chain.contract;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.StorageSlot;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.state.NewContract;
import io.bttspeed.devnet.tvm.state.VmStateChanges;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import java.util.Map;
import org.tron.trident.proto.Common.AccountType;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Response.Account;

/** Applies what a successful execution changed to the transaction's scope, in TRON's terms. */
final class VmChanges {
  private VmChanges() {}

  static void apply(VmStateChanges changes, TxScope scope, long timeMs) {
    for (Address address : changes.createdAccounts()) {
      TronAddress tron = VmStateView.tron(address);
      if (scope.account(tron).isEmpty()) {
        scope.putAccount(Accounts.newAccount(tron, timeMs, AccountType.Normal));
      }
    }
    for (NewContract created : changes.newContracts()) {
      TronAddress tron = VmStateView.tron(created.address());
      Account account =
          scope
              .account(tron)
              .orElseGet(() -> Accounts.newAccount(tron, timeMs, AccountType.Contract));
      scope.putAccount(account.toBuilder().setType(AccountType.Contract).build());
      // Contracts made by CREATE/CREATE2 inside a contract: java-tron records their creator as
      // origin and gives them the defaults a contract without an owner-set policy has.
      scope.putContract(
          tron,
          SmartContract.newBuilder()
              .setOriginAddress(ByteString.copyFrom(created.creator().toTron()))
              .setContractAddress(tron.toByteString())
              .setConsumeUserResourcePercent(100)
              .setOriginEnergyLimit(0)
              .setVersion(1)
              .setCodeHash(ByteString.copyFrom(Keccak.hash(created.code())))
              .build(),
          ByteString.copyFrom(created.code()));
    }
    changes
        .balances()
        .forEach(
            (address, sun) ->
                update(
                    scope,
                    address,
                    timeMs,
                    account -> account.toBuilder().setBalance(sun).build()));
    changes
        .tokenBalances()
        .forEach(
            (address, tokens) ->
                update(
                    scope,
                    address,
                    timeMs,
                    account -> {
                      Account.Builder builder = account.toBuilder();
                      for (Map.Entry<Long, Long> token : tokens.entrySet()) {
                        builder.putAssetV2(Long.toString(token.getKey()), token.getValue());
                      }
                      return builder.build();
                    }));
    changes
        .storage()
        .forEach(
            (address, slots) -> {
              TronAddress tron = VmStateView.tron(address);
              slots.forEach(
                  (key, value) ->
                      scope.putStorage(
                          new StorageSlot(tron, ByteString.copyFrom(key.toBytes())),
                          value.equals(Word.ZERO)
                              ? ByteString.EMPTY
                              : ByteString.copyFrom(value.toBytes())));
            });
    changes.deletedAccounts().forEach(address -> scope.delete(VmStateView.tron(address)));
  }

  private static void update(
      TxScope scope,
      Address address,
      long timeMs,
      java.util.function.UnaryOperator<Account> change) {
    TronAddress tron = VmStateView.tron(address);
    Account account =
        scope.account(tron).orElseGet(() -> Accounts.newAccount(tron, timeMs, AccountType.Normal));
    scope.putAccount(change.apply(account));
  }
}
