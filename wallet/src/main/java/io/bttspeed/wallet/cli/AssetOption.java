package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.Balance;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.id.WalletId;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Parses {@code --asset}: {@code trx}, {@code trc10:<id>}, {@code trc20:<address>}, or a name users
 * know from TRON: {@code btt} (the TRC-20 BTT token) and {@code bttold} (TRC-10 BTT, id 1002000). A
 * name is resolved against the tokens the server reports, since the TRC-20 BTT contract differs
 * between networks.
 */
final class AssetOption implements CommandLine.ITypeConverter<AssetOption.Choice> {

  private static final int MAX_LENGTH = 100;

  /** An asset as typed: either concrete, or a symbol the server's token list names. */
  record Choice(Optional<Asset> concrete, String symbol) {

    /** The asset, asking the server for the wallet's tokens if a symbol was given. */
    Asset resolve(
        CommandLine cmd, WalletServiceGrpc.WalletServiceBlockingStub stub, WalletId walletId) {
      if (concrete.isPresent()) {
        return concrete.get();
      }
      return stub
          .getBalances(GetBalancesRequest.newBuilder().setWalletId(walletId.toString()).build())
          .getBalancesList()
          .stream()
          .filter(b -> b.getSymbol().equalsIgnoreCase(symbol))
          .map(Balance::getAsset)
          .findFirst()
          .orElseThrow(
              () ->
                  new CommandLine.ParameterException(
                      cmd,
                      "this server knows no token named "
                          + symbol
                          + "; name it as trc10:<id> or trc20:<address>"));
    }
  }

  @Override
  public Choice convert(String value) {
    if (value.length() > MAX_LENGTH) {
      throw new CommandLine.TypeConversionException(
          "an asset is at most " + MAX_LENGTH + " characters");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "trx":
        return concrete(Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build());
      case "btt":
        return new Choice(Optional.empty(), "BTT");
      case "bttold":
        return new Choice(Optional.empty(), "BTTOLD");
      default:
        break;
    }
    if (lower.startsWith("trc10:")) {
      return concrete(Asset.newBuilder().setTrc10TokenId(value.substring(6)).build());
    }
    if (lower.startsWith("trc20:")) {
      return concrete(Asset.newBuilder().setTrc20ContractAddress(value.substring(6)).build());
    }
    throw new CommandLine.TypeConversionException(
        "asset must be trx, btt (TRC-20 BTT), bttold (TRC-10 BTT), trc10:<id> or trc20:<address>");
  }

  private static Choice concrete(Asset asset) {
    return new Choice(Optional.of(asset), "");
  }
}
