package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import java.util.HexFormat;
import org.tron.trident.proto.Common.AccountType;
import org.tron.trident.proto.Common.Key;
import org.tron.trident.proto.Common.Permission;
import org.tron.trident.proto.Response.Account;

/** How a new account looks, with java-tron's default owner and active permissions. */
public final class Accounts {
  /**
   * java-tron's default active-permission operations bitmask: every contract type the chain allows.
   */
  private static final ByteString DEFAULT_ACTIVE_OPERATIONS =
      ByteString.copyFrom(
          HexFormat.of()
              .parseHex("7fff1fc0033efb0f000000000000000000000000000000000000000000000000"));

  private Accounts() {}

  public static Account newAccount(TronAddress address, long createTimeMs, AccountType type) {
    Key key = Key.newBuilder().setAddress(address.toByteString()).setWeight(1).build();
    return Account.newBuilder()
        .setAddress(address.toByteString())
        .setType(type)
        .setCreateTime(createTimeMs)
        .setOwnerPermission(
            Permission.newBuilder()
                .setType(Permission.PermissionType.Owner)
                .setId(0)
                .setPermissionName("owner")
                .setThreshold(1)
                .addKeys(key))
        .addActivePermission(
            Permission.newBuilder()
                .setType(Permission.PermissionType.Active)
                .setId(2)
                .setPermissionName("active")
                .setThreshold(1)
                .setOperations(DEFAULT_ACTIVE_OPERATIONS)
                .addKeys(key))
        .build();
  }

  /** The TRC-10 balance of an account in the token's base units; 0 when it holds none. */
  public static long tokenBalance(Account account, String tokenId) {
    return account.getAssetV2OrDefault(tokenId, 0L);
  }

  public static Account withTokenBalance(Account account, String tokenId, long units) {
    return account.toBuilder().putAssetV2(tokenId, units).build();
  }
}
