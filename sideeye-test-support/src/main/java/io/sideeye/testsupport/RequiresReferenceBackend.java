package io.sideeye.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs the {@link ReferenceBackend}: before its first test, the class
 * fails with the remedy ({@link ReferenceBackend#requireSetUp()}) when the interpreter has not
 * been set up, instead of each test failing later with a start error.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresReferenceBackend.Check.class)
public @interface RequiresReferenceBackend {

    /** The check, run once before all tests of the annotated class. */
    final class Check implements BeforeAllCallback {
        /** Made by JUnit. */
        public Check() {
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            ReferenceBackend.requireSetUp();
        }
    }
}
