package dev.wsingress.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * How the generated {@link CommandModel} binds picocli's options and positional parameters to the
 * fields of the command objects: a {@link Scope} holds the object, a {@link Binding} reads and sets
 * one field of it through {@code CommandModel.read} and {@code write} (no reflection).
 */
final class ModelBinding {
  private ModelBinding() {}

  /** The type of an arg group's field, as picocli infers it for a field of that class. */
  static ITypeInfo typeInfo(Class<?> type) {
    return OptionSpec.builder("-").type(type).build().typeInfo();
  }

  /** An option bound to a field of the object in its scope. */
  static OptionSpec.Builder bound(OptionSpec.Builder arg, Scope scope, int field) {
    Binding b = new Binding(scope, field);
    return arg.getter(b).setter(b).scope(scope);
  }

  /** A positional parameter bound to a field of the object in its scope. */
  static PositionalParamSpec.Builder bound(
      PositionalParamSpec.Builder arg, Scope scope, int field) {
    Binding b = new Binding(scope, field);
    return arg.getter(b).setter(b).scope(scope);
  }

  /**
   * Where the fields of a group of options are: the object picocli creates when one of them is
   * given (it sets the scope), or the command or mixin object.
   */
  static final class Scope implements IScope {
    private Object value;

    Scope(Object value) {
      this.value = value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T old = (T) this.value;
      this.value = value;
      return old;
    }
  }

  /** Reads and sets one field of the object in a scope (as picocli's FieldBinding does). */
  static final class Binding implements IGetter, ISetter {
    private final Scope scope;
    private final int field;

    Binding(Scope scope, int field) {
      this.scope = scope;
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) CommandModel.read(scope.value, field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      Object o = scope.value;
      T old = (T) CommandModel.read(o, field);
      CommandModel.write(o, field, value);
      return old;
    }
  }
}
