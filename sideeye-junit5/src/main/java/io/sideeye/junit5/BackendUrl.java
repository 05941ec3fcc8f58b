package io.sideeye.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test parameter of type {@link java.net.URI} or {@link String} that receives the base
 * URL of the backend started by {@link SideEyeExtension}, e.g. {@code http://127.0.0.1:41237}
 * (no trailing slash; the API lives under the manager's {@code apiBasePath}).
 *
 * <pre>{@code
 * @Test
 * void servesTheHealthContract(@BackendUrl URI url) { ... url.resolve("/api/health/") ... }
 * }</pre>
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface BackendUrl {
}
