package dev.wsingress.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code wsingress} command: {@code render}, {@code targets}, {@code schema}, {@code version}
 * ({@code wsingress --help} lists them). Results go to standard output, findings and errors to
 * standard error.
 *
 * <p>Exit codes: 0 success; 1 findings at or above {@code --fail-on}; 2 a usage error; 3 input that
 * cannot be read or parsed (a spec file {@code build()} refuses included); 4 an internal error.
 *
 * <pre>{@code
 * wsingress render chat.yaml --target gateway-api,platform
 * kubectl wsingress render -f k8s/ --target nginx -o json
 * }</pre>
 */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    WarmUp.start(args);
    // UTF-8 whatever the locale: host names are ASCII, but messages quote what the user wrote.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = new Cli(System.in, out, err, System.getenv(), new WarmUp.Targets()).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
