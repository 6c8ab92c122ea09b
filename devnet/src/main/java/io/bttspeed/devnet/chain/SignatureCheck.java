package io.bttspeed.devnet.chain;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.signing.Secp256k1;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Common.AccountType;
import org.tron.trident.proto.Common.Key;
import org.tron.trident.proto.Common.Permission;
import org.tron.trident.proto.Response.Account;

/**
 * Checks a transaction's signatures against the owner's permission as java-tron does: each 65-byte
 * signature must recover to a key of the permission, no key may sign twice, and the weights must
 * reach the threshold. Public-key recovery is the expensive part, so it is done once, up front and
 * outside the node's lock, by {@link #recover}; {@link #verify} then only compares addresses.
 */
public final class SignatureCheck {
  private final List<ByteString> signatures;
  private final List<Optional<TronAddress>> signers;

  private SignatureCheck(List<ByteString> signatures, List<Optional<TronAddress>> signers) {
    this.signatures = signatures;
    this.signers = signers;
  }

  public static SignatureCheck recover(Hash32 txId, List<ByteString> signatures) {
    byte[] digest = txId.toByteArray();
    List<Optional<TronAddress>> signers = new ArrayList<>(signatures.size());
    for (ByteString signature : signatures) {
      signers.add(
          signature.size() < 65
              ? Optional.empty()
              : Secp256k1.recover(digest, signature.toByteArray()));
    }
    return new SignatureCheck(signatures, signers);
  }

  public void verify(TronAddress owner, int permissionId, StateReader state, long totalSignNum)
      throws Rejection {
    if (signatures.isEmpty()) {
      throw Rejection.signature("miss sig or contract");
    }
    if (signatures.size() > totalSignNum) {
      throw Rejection.signature("too many signatures");
    }
    Permission permission =
        permission(owner, permissionId, state)
            .orElseThrow(() -> Rejection.signature("permission isn't exit"));
    if (signatures.size() > permission.getKeysCount()) {
      throw Rejection.signature(
          "Signature count is "
              + signatures.size()
              + " more than key counts of permission : "
              + permission.getKeysCount());
    }
    long weight = 0;
    Set<TronAddress> seen = new HashSet<>();
    for (int i = 0; i < signatures.size(); i++) {
      ByteString signature = signatures.get(i);
      if (signature.size() < 65) {
        throw Rejection.signature("Signature size is " + signature.size());
      }
      TronAddress signer =
          signers
              .get(i)
              .orElseThrow(
                  () ->
                      Rejection.signature(
                          "Signature "
                              + HexFormat.of().formatHex(signature.toByteArray())
                              + " does not recover a public key"));
      long keyWeight = weightOf(permission, signer);
      if (keyWeight == 0) {
        throw Rejection.signature(
            HexFormat.of().formatHex(signature.toByteArray())
                + " is signed by "
                + signer.base58()
                + " but it is not contained of permission.");
      }
      if (!seen.add(signer)) {
        throw Rejection.signature(signer.base58() + " has signed twice!");
      }
      weight += keyWeight;
    }
    if (weight < permission.getThreshold()) {
      throw Rejection.signature("sig error");
    }
  }

  private static Optional<Permission> permission(
      TronAddress owner, int permissionId, StateReader state) {
    Account account =
        state.account(owner).orElseGet(() -> Accounts.newAccount(owner, 0, AccountType.Normal));
    if (permissionId == 0) {
      return Optional.of(account.getOwnerPermission());
    }
    return account.getActivePermissionList().stream()
        .filter(p -> p.getId() == permissionId)
        .findFirst();
  }

  private static long weightOf(Permission permission, TronAddress signer) {
    ByteString address = signer.toByteString();
    for (Key key : permission.getKeysList()) {
      if (key.getAddress().equals(address)) {
        return key.getWeight();
      }
    }
    return 0;
  }
}
