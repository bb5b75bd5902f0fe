package dev.wsingress.cli;

import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.Target;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The flags of one target's options: one class per target, named after it, each flag {@code
 * --<target id>-<option>} calling the option of the target's entry class. A target without such a
 * class renders with its defaults.
 */
interface TargetFlags {

  /** The {@link Target#id()} these flags configure. */
  String targetId();

  /** Other forms of the target, selectable by id with {@code --target}; none by default. */
  default List<Target> forms() {
    return List.of();
  }

  /** The flags that were given, for the message when their target is not rendered. */
  List<String> given();

  /**
   * The target with the given flags applied.
   *
   * @throws CliException a usage error naming the flag when the target refuses a value
   */
  Target apply(Target target);

  /** Calls one option of a target; its {@link InvalidSpecException} becomes a usage error. */
  static <T> T option(String flag, T target, UnaryOperator<T> call) {
    try {
      return call.apply(target);
    } catch (InvalidSpecException e) {
      StringBuilder b = new StringBuilder();
      for (Problem p : e.problems()) {
        if (b.length() > 0) {
          b.append('\n');
        }
        b.append(flag).append(" = ").append(p.value()).append(": ").append(p.rule());
        b.append(". Fix: ").append(p.fix()).append('.');
      }
      throw CliException.usage(b.toString());
    }
  }

  /**
   * Calls a factory of a target's values; its {@link InvalidSpecException} becomes a usage error.
   */
  static <T> T value(String flag, java.util.function.Supplier<T> call) {
    return option(flag, null, ignored -> call.get());
  }

  /** {@code NAMESPACE/NAME} as two parts. */
  static String[] namespaced(String flag, String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
      throw CliException.usage(
          flag + " = " + dev.wsingress.SpecRules.show(value) + ": must be NAMESPACE/NAME");
    }
    return new String[] {value.substring(0, slash), value.substring(slash + 1)};
  }

  /** {@code A,B} as exactly {@code n} comma-separated parts. */
  static String[] parts(String flag, String value, int n, String shape) {
    String[] p = value.split(",", -1);
    if (p.length != n) {
      throw CliException.usage(
          flag + " = " + dev.wsingress.SpecRules.show(value) + ": must be " + shape);
    }
    return p;
  }

  /** A whole number for a flag. */
  static int number(String flag, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw CliException.usage(
          flag + " = " + dev.wsingress.SpecRules.show(value) + ": must be a whole number");
    }
  }

  /** Adds {@code flag} to {@code given} when {@code value} is set (not null, not false). */
  static void add(List<String> given, String flag, Object value) {
    if (value != null && !Boolean.FALSE.equals(value)) {
      given.add(flag);
    }
  }
}
