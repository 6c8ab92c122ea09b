package io.bttspeed.wallet.api;

import io.bttspeed.proto.wallet.v1.IncomingPayment;
import io.bttspeed.proto.wallet.v1.TokenInfo;
import io.bttspeed.proto.wallet.v1.TokenScope;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletOrigin;
import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Converts between the wire types of {@code bttspeed.wallet.v1} and the domain, validating on the
 * way in. The asset conversions are public: the speed-bridge speaks the same {@code Asset} message.
 */
public final class ProtoMapper {

  private ProtoMapper() {}

  public static Asset asset(io.bttspeed.proto.wallet.v1.Asset proto) {
    return switch (proto.getKindCase()) {
      case TRX -> Asset.Trx.INSTANCE;
      case TRC10_TOKEN_ID -> Asset.Trc10.parse(proto.getTrc10TokenId());
      case TRC20_CONTRACT_ADDRESS ->
          new Asset.Trc20(TronAddress.parse(proto.getTrc20ContractAddress()));
      case KIND_NOT_SET ->
          throw new InvalidArgumentException(
              "asset is required: set trx, trc10_token_id or trc20_contract_address");
    };
  }

  public static io.bttspeed.proto.wallet.v1.Asset asset(Asset asset) {
    io.bttspeed.proto.wallet.v1.Asset.Builder b = io.bttspeed.proto.wallet.v1.Asset.newBuilder();
    if (asset instanceof Asset.Trc10 t) {
      b.setTrc10TokenId(Long.toString(t.tokenId()));
    } else if (asset instanceof Asset.Trc20 t) {
      b.setTrc20ContractAddress(t.contract().base58());
    } else {
      b.setTrx(io.bttspeed.proto.wallet.v1.Asset.Trx.getDefaultInstance());
    }
    return b.build();
  }

  /** Empty (unset) or a positive number of sun in canonical decimal that fits int64. */
  static Optional<Long> optionalSun(String field, String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    BigInteger sun = Amount.parseUnits(field, text);
    if (sun.signum() == 0 || sun.compareTo(Asset.INT64_MAX) > 0) {
      throw new InvalidArgumentException(field + " must be a positive number of sun below 2^63");
    }
    return Optional.of(sun.longValueExact());
  }

  /**
   * A request's required {@code wallet_id}, parsed once here so nothing further in sees a malformed
   * one: empty is "required", any spelling but the one the service hands out is INVALID_ARGUMENT
   * (before any lookup, so the answer says nothing about which wallets exist). A well-formed id the
   * caller does not own is the domain's NOT_FOUND, as before.
   */
  static WalletId walletId(String text) {
    if (text.isEmpty()) {
      throw new InvalidArgumentException("wallet_id is required");
    }
    try {
      return WalletId.parse(text);
    } catch (MalformedValueException e) {
      throw new InvalidArgumentException(
          "wallet_id must be an id as CreateWallet or ListWallets returns it (a lowercase UUID), not "
              + Echo.quote(text),
          e);
    }
  }

  /** An optional {@code wallet_id} filter: empty means every wallet of the caller's. */
  static Optional<WalletId> optionalWalletId(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(walletId(text));
  }

  static Wallet wallet(WalletRecord w) {
    return Wallet.newBuilder()
        .setWalletId(w.walletId().toString())
        .setLabel(w.label())
        .setAddress(w.address().base58())
        .setAddressHex(w.address().hex())
        .setOrigin(
            switch (w.origin()) {
              case CREATED -> WalletOrigin.WALLET_ORIGIN_CREATED;
              case MNEMONIC -> WalletOrigin.WALLET_ORIGIN_MNEMONIC;
              case PRIVATE_KEY -> WalletOrigin.WALLET_ORIGIN_PRIVATE_KEY;
              case KEYSTORE -> WalletOrigin.WALLET_ORIGIN_KEYSTORE;
            })
        .setDerivationIndex(w.derivationIndex())
        .setCreatedAtUnixMs(w.createdAtMs())
        .build();
  }

  static Transfer transfer(TransferRecord t) {
    return Transfer.newBuilder()
        .setTransferId(t.transferId())
        .setWalletId(t.walletId().toString())
        .setIdempotencyKey(t.idempotencyKey())
        .setAsset(asset(t.amount().asset()))
        .setFromAddress(t.from().base58())
        .setToAddress(t.to().base58())
        .setAmountBaseUnits(t.amount().units().toString())
        .setFeeLimitSun(Long.toString(t.feeLimitSun()))
        .setMemo(t.memo())
        .setStatus(
            switch (t.status()) {
              case PENDING -> TransferStatus.TRANSFER_STATUS_PENDING;
              case CONFIRMED -> TransferStatus.TRANSFER_STATUS_CONFIRMED;
              case FAILED -> TransferStatus.TRANSFER_STATUS_FAILED;
              case EXPIRED -> TransferStatus.TRANSFER_STATUS_EXPIRED;
            })
        .setTxid(t.txid().map(TxId::hex).orElse(""))
        .setFailureReason(t.failureReason())
        .setFeeSun(Long.toString(t.feeSun()))
        .setBlockNumber(t.blockNumber())
        .setExpirationUnixMs(t.expirationMs())
        .setCreatedAtUnixMs(t.createdAtMs())
        .setUpdatedAtUnixMs(t.updatedAtMs())
        .setCreationIndex(t.creationIndex())
        .build();
  }

  static IncomingPayment incoming(io.bttspeed.wallet.incoming.IncomingPayment p) {
    return IncomingPayment.newBuilder()
        .setPaymentIndex(p.paymentIndex())
        .setWalletId(p.walletId().toString())
        .setAsset(asset(p.amount().asset()))
        .setFromAddress(p.from().base58())
        .setToAddress(p.to().base58())
        .setAmountBaseUnits(p.amount().units().toString())
        .setTxid(p.txid().hex())
        .setBlockNumber(p.blockNumber())
        .setBlockTimeUnixMs(p.blockTimeMs())
        .build();
  }

  /** Requested token scopes: one to three distinct, each a known non-UNSPECIFIED value. */
  static Set<Scope> scopes(List<TokenScope> requested) {
    if (requested.isEmpty()) {
      throw new InvalidArgumentException(
          "scopes: at least one is needed (TOKEN_SCOPE_READ, _SPEND or _ADMIN)");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (TokenScope s : requested) {
      Scope scope =
          switch (s) {
            case TOKEN_SCOPE_READ -> Scope.READ;
            case TOKEN_SCOPE_SPEND -> Scope.SPEND;
            case TOKEN_SCOPE_ADMIN -> Scope.ADMIN;
            case TOKEN_SCOPE_UNSPECIFIED, UNRECOGNIZED ->
                throw new InvalidArgumentException(
                    "scopes: each must be TOKEN_SCOPE_READ, _SPEND or _ADMIN");
          };
      if (!scopes.add(scope)) {
        throw new InvalidArgumentException("scopes: " + s + " is given twice");
      }
    }
    return scopes;
  }

  static TokenInfo token(io.bttspeed.wallet.store.TokenInfo t) {
    TokenInfo.Builder b =
        TokenInfo.newBuilder()
            .setTokenId(t.tokenId())
            .setName(t.name())
            .setCreatedAtUnixMs(t.createdAtMs())
            .setLastUsedAtUnixMs(t.lastUsedAtMs());
    t.scopes().stream()
        .sorted()
        .forEach(
            s ->
                b.addScopes(
                    switch (s) {
                      case READ -> TokenScope.TOKEN_SCOPE_READ;
                      case SPEND -> TokenScope.TOKEN_SCOPE_SPEND;
                      case ADMIN -> TokenScope.TOKEN_SCOPE_ADMIN;
                    }));
    return b.build();
  }
}
