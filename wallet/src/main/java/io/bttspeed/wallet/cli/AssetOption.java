package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.Asset;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code trx}, {@code trc10:<id>}, {@code trc20:<address>}, or {@code btt} (TRC-10 1002000). */
final class AssetOption implements CommandLine.ITypeConverter<Asset> {

  @Override
  public Asset convert(String value) {
    String v = value.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("trx")) {
      return Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();
    }
    if (lower.equals("btt")) {
      return Asset.newBuilder().setTrc10TokenId("1002000").build();
    }
    if (lower.startsWith("trc10:")) {
      return Asset.newBuilder().setTrc10TokenId(v.substring(6)).build();
    }
    if (lower.startsWith("trc20:")) {
      return Asset.newBuilder().setTrc20ContractAddress(v.substring(6)).build();
    }
    throw new CommandLine.TypeConversionException("asset must be trx, btt, trc10:<id> or trc20:<address>");
  }
}
