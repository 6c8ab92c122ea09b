package io.bttspeed.devnet.chain.actuator;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * AssetIssueContract: issues a TRC-10 token with the next free id (1000001 upward), for {@code
 * getAssetIssueFee}. The whole supply less any frozen supply goes to the issuer; an account issues
 * at most one token.
 */
final class AssetIssueActuator implements Actuator {
  private static final int MAX_NAME_BYTES = 32;
  private static final int MAX_URL_BYTES = 256;
  private static final int MAX_DESCRIPTION_BYTES = 200;
  private static final int MAX_FROZEN_SUPPLY_ENTRIES = 10;
  private static final long MIN_FROZEN_DAYS = 1;
  private static final long MAX_FROZEN_DAYS = 3652;
  private static final long ONE_DAY_NET_LIMIT = 57_600_000_000L;
  private static final long FROZEN_PERIOD_MS = 86_400_000L;

  private final AssetIssueContract contract;
  private final ChainParameters parameters;

  AssetIssueActuator(AssetIssueContract contract, ChainParameters parameters) {
    this.contract = contract;
    this.parameters = parameters;
  }

  @Override
  public TronAddress owner() {
    return TronAddress.of(contract.getOwnerAddress());
  }

  @Override
  public boolean createsAccount(StateReader state) {
    return false;
  }

  @Override
  public void validate(StateReader state, BlockContext block) throws Rejection {
    if (!TronAddress.isValid(contract.getOwnerAddress().toByteArray())) {
      throw Rejection.contractValidate("Invalid ownerAddress");
    }
    if (!validName(contract.getName())) {
      throw Rejection.contractValidate("Invalid assetName");
    }
    if ("trx".equalsIgnoreCase(contract.getName().toStringUtf8())) {
      throw Rejection.contractValidate("assetName can't be trx");
    }
    if (contract.getPrecision() < 0 || contract.getPrecision() > 6) {
      throw Rejection.contractValidate("precision cannot exceed 6");
    }
    if (!contract.getAbbr().isEmpty() && !validName(contract.getAbbr())) {
      throw Rejection.contractValidate("Invalid abbreviation for token");
    }
    if (contract.getUrl().isEmpty() || contract.getUrl().size() > MAX_URL_BYTES) {
      throw Rejection.contractValidate("Invalid url");
    }
    if (contract.getDescription().size() > MAX_DESCRIPTION_BYTES) {
      throw Rejection.contractValidate("Invalid description");
    }
    validateTimes(block);
    if (contract.getTotalSupply() <= 0) {
      throw Rejection.contractValidate("TotalSupply must greater than 0!");
    }
    if (contract.getTrxNum() <= 0) {
      throw Rejection.contractValidate("TrxNum must greater than 0!");
    }
    if (contract.getNum() <= 0) {
      throw Rejection.contractValidate("Num must greater than 0!");
    }
    if (contract.getPublicFreeAssetNetUsage() != 0) {
      throw Rejection.contractValidate("PublicFreeAssetNetUsage must be 0!");
    }
    if (contract.getFrozenSupplyCount() > MAX_FROZEN_SUPPLY_ENTRIES) {
      throw Rejection.contractValidate("Frozen supply list length is too long");
    }
    if (contract.getFreeAssetNetLimit() < 0
        || contract.getFreeAssetNetLimit() >= ONE_DAY_NET_LIMIT) {
      throw Rejection.contractValidate("Invalid FreeAssetNetLimit");
    }
    if (contract.getPublicFreeAssetNetLimit() < 0
        || contract.getPublicFreeAssetNetLimit() >= ONE_DAY_NET_LIMIT) {
      throw Rejection.contractValidate("Invalid PublicFreeAssetNetLimit");
    }
    validateFrozenSupply();
    Account owner =
        state.account(owner()).orElseThrow(() -> Rejection.contractValidate("Account not exists"));
    if (!owner.getAssetIssuedName().isEmpty() || !owner.getAssetIssuedID().isEmpty()) {
      throw Rejection.contractValidate("An account can only issue one asset");
    }
    if (owner.getBalance() < parameters.assetIssueFee()) {
      throw Rejection.contractValidate("No enough balance for fee!");
    }
  }

  @Override
  public Outcome execute(TxScope scope, BlockContext block) {
    long id = scope.dynamic().tokenIdNum() + 1;
    while (scope.asset(Long.toString(id)).isPresent()) {
      id++;
    }
    String tokenId = Long.toString(id);
    scope.setDynamic(scope.dynamic().withTokenIdNum(id));
    scope.putAsset(contract.toBuilder().setId(tokenId).build());

    long remaining = contract.getTotalSupply();
    Account.Builder owner = scope.account(owner()).orElseThrow().toBuilder();
    for (AssetIssueContract.FrozenSupply frozen : contract.getFrozenSupplyList()) {
      remaining -= frozen.getFrozenAmount();
      owner.addFrozenSupply(
          Account.Frozen.newBuilder()
              .setFrozenBalance(frozen.getFrozenAmount())
              .setExpireTime(contract.getStartTime() + frozen.getFrozenDays() * FROZEN_PERIOD_MS));
    }
    owner
        .setAssetIssuedName(contract.getName())
        .setAssetIssuedID(ByteString.copyFromUtf8(tokenId))
        .putAssetV2(tokenId, remaining);
    scope.putAccount(owner.build());
    scope.burn(owner(), parameters.assetIssueFee());
    return new Outcome(parameters.assetIssueFee(), tokenId);
  }

  private void validateTimes(BlockContext block) throws Rejection {
    if (contract.getStartTime() == 0) {
      throw Rejection.contractValidate("Start time should be not empty");
    }
    if (contract.getEndTime() == 0) {
      throw Rejection.contractValidate("End time should be not empty");
    }
    if (contract.getEndTime() <= contract.getStartTime()) {
      throw Rejection.contractValidate("End time should be greater than start time");
    }
    if (contract.getStartTime() <= block.headTimeMs()) {
      throw Rejection.contractValidate("Start time should be greater than HeadBlockTime");
    }
  }

  private void validateFrozenSupply() throws Rejection {
    long remaining = contract.getTotalSupply();
    for (AssetIssueContract.FrozenSupply frozen : contract.getFrozenSupplyList()) {
      if (frozen.getFrozenAmount() <= 0) {
        throw Rejection.contractValidate("Frozen supply must be greater than 0!");
      }
      if (frozen.getFrozenAmount() > remaining) {
        throw Rejection.contractValidate("Frozen supply cannot exceed total supply");
      }
      if (frozen.getFrozenDays() < MIN_FROZEN_DAYS || frozen.getFrozenDays() > MAX_FROZEN_DAYS) {
        throw Rejection.contractValidate(
            "frozenDuration must be less than "
                + MAX_FROZEN_DAYS
                + " days and more than "
                + MIN_FROZEN_DAYS
                + " days");
      }
      remaining -= frozen.getFrozenAmount();
    }
  }

  /** java-tron's validAssetName: 1..32 bytes, each a visible ASCII character. */
  private static boolean validName(ByteString name) {
    if (name.isEmpty() || name.size() > MAX_NAME_BYTES) {
      return false;
    }
    for (int i = 0; i < name.size(); i++) {
      int b = name.byteAt(i) & 0xff;
      if (b < 0x21 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
