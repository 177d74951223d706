package dev.clawgate.config;

/**
 * A credential as configured: a literal string, an environment variable or a file. {@link #toString()}
 * never shows a literal value.
 */
public sealed interface SecretRef {

    /** Where the value comes from, safe to print ({@code env:OPENAI_API_KEY}, {@code literal}, ...). */
    String describe();

    record Literal(String value) implements SecretRef {
        @Override
        public String describe() {
            return "config";
        }

        @Override
        public String toString() {
            return "Literal[<redacted>]";
        }
    }

    record Env(String id) implements SecretRef {
        @Override
        public String describe() {
            return "env:" + id;
        }
    }

    record File(String path) implements SecretRef {
        @Override
        public String describe() {
            return "file:" + path;
        }
    }
}
