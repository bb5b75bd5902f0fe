/**
 * wsingress core: describe a WebSocket application once with {@link dev.wsingress.WebSocketApp},
 * render it for the controller or mesh you run with a {@link dev.wsingress.Target}, and read the
 * {@link dev.wsingress.Finding findings} that say where a target only approximates what you asked.
 *
 * <pre>{@code
 * WebSocketApp app = WebSocketApp.on("ws.example.com")
 *     .service("websocket-service", 8080)
 *     .timeout(3600)
 *     .build();
 * Rendering out = Nginx.target().render(app);
 * System.out.print(out.toYaml());
 * }</pre>
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    // Spec values hold raw user input until WebSocketApp.Builder.build() validates all of it at
    // once; Immutables' own null checks would throw NullPointerException first.
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    // WebSocketApp.Builder is our own fluent builder, not an extension of the generated one.
    typeInnerBuilder = "GeneratedBuilderExtension",
    defaults = @Value.Immutable(copy = true, builder = true))
package dev.wsingress;

import org.immutables.value.Value;
