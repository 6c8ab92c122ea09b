package io.bttspeed.devnet.cli;

import io.bttspeed.devnet.chain.Genesis;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.web3j.crypto.Sign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code devnet.jar accounts}: the development accounts with their keys, without starting a node
 * (the genesis is deterministic, so every devnet has these). Their keys are public knowledge,
 * derived from the devnet's published mnemonic, so printing them gives nothing away; a client such
 * as Trident's {@code ApiWrapper} needs one to sign.
 */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description =
        "Print the development accounts: index, address, private key and public key (hex).")
final class AccountsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "development accounts (mnemonic \"%s\", path m/44'/195'/0'/0/i); their keys are public:"
            + " never send anything of value to them on a real network%n",
        Genesis.DEV_MNEMONIC);
    out.println("index address private_key_hex public_key_hex");
    for (Genesis.DevAccount account : Genesis.standard().accounts()) {
      out.printf(
          "%d %s %s %s%n",
          account.index(),
          account.address().base58(),
          hex32(account.privateKey()),
          "04"
              + HexFormat.of()
                  .formatHex(fixed(Sign.publicKeyFromPrivate(account.privateKey()), 64)));
    }
    out.flush();
    return 0;
  }

  private static String hex32(BigInteger key) {
    return HexFormat.of().formatHex(fixed(key, 32));
  }

  /** An unsigned big-endian integer in exactly {@code length} bytes. */
  private static byte[] fixed(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
