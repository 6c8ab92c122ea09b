package io.bttspeed.wallet.cli;

import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.wallet.id.WalletId;
import picocli.CommandLine;

/**
 * Parses {@code --wallet} where it is typed, so a mistyped id is a usage error naming the option
 * (exit 64) instead of a round trip to the server; the message quotes the value through {@link
 * io.bttspeed.tron.Echo}, never whole.
 */
final class WalletIdOption implements CommandLine.ITypeConverter<WalletId> {

  @Override
  public WalletId convert(String value) {
    try {
      return WalletId.parse(value);
    } catch (MalformedValueException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
