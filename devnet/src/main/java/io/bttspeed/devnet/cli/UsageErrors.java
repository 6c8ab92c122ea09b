package io.bttspeed.devnet.cli;

import picocli.CommandLine;

/**
 * A command line that cannot be used as typed (unknown or missing option, bad value, options that
 * exclude each other) as one line naming the option and where the help is, instead of picocli's
 * message followed by the whole usage text. Exit code 64, the BSD sysexits EX_USAGE, distinct from
 * every runtime failure.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  public static final int EXIT_CODE = 64;

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    StringBuilder line = new StringBuilder(name).append(": ").append(ex.getMessage());
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ")
          .append(String.join(" or ", unmatched.getSuggestions()))
          .append("?)");
    }
    if (!(ex instanceof CommandLine.UnmatchedArgumentException)
        && !cmd.getUnmatchedArguments().isEmpty()) {
      // picocli reports a missing option before an unknown one; the unknown one is often the typo
      // behind it.
      line.append(" (not understood: ")
          .append(String.join(" ", cmd.getUnmatchedArguments()))
          .append(")");
    }
    line.append("; see '").append(name).append(" --help'");
    cmd.getErr().println(ErrorLine.of(line.toString()));
    cmd.getErr().flush();
    return EXIT_CODE;
  }
}
