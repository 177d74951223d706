package dev.clawgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} files and layers them under the process environment.
 *
 * <p>Format: one {@code KEY=value} per line, optional {@code export } prefix, {@code #} comment lines and
 * trailing {@code  # comments} after unquoted values; {@code "double quoted"} values may span lines and
 * understand {@code \n \r \t \" \\}; {@code 'single quoted'} values are taken literally. Lines that are
 * not assignments are skipped silently: quoting them in a warning could leak a secret.
 */
final class DotEnv {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private DotEnv() {}

    static Environment systemEnvironment() {
        return layered(System.getenv(), home(System.getenv(), System.getProperty("user.home")),
                Path.of("").toAbsolutePath());
    }

    /**
     * {@code $HOME} when set (as every Unix tool reads it, so that {@code HOME=/tmp/x clawgate ...} keeps
     * state and {@code .env} there), else the JVM's {@code user.home} (the account's home from the password
     * database, which is also what the JVM falls back to on Windows).
     */
    static Path home(Map<String, String> process, String userHome) {
        String home = process.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(userHome);
    }

    /**
     * The process variables, then {@code <workingDirectory>/.env}, then {@code <home>/.clawgate/.env}:
     * a variable is taken from a file only when no earlier source set it (to a non-empty value).
     */
    static Environment layered(Map<String, String> process, Path home, Path workingDirectory) {
        Map<String, String> variables = new HashMap<>(process);
        for (Path file : List.of(workingDirectory.resolve(".env"), home.resolve(".clawgate").resolve(".env"))) {
            for (Map.Entry<String, Value> e : read(file).entrySet()) {
                String existing = variables.get(e.getKey());
                if (existing == null || existing.isEmpty()) {
                    Value v = e.getValue();
                    variables.put(e.getKey(), v.literal() ? v.text() : expand(v.text(), variables));
                }
            }
        }
        return new Environment(variables, home, workingDirectory);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * {@code ${NAME}} in an unquoted or double-quoted value, from the variables known so far (the process's,
     * then earlier lines and files); an unknown name becomes empty, as dotenv-expand does. {@code $${NAME}}
     * keeps a literal {@code ${NAME}}, as in the config file.
     */
    static String expand(String value, Map<String, String> known) {
        if (!value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        var m = REFERENCE.matcher(value);
        int last = 0;
        while (m.find()) {
            boolean escaped = m.start() > 0 && value.charAt(m.start() - 1) == '$';
            out.append(value, last, escaped ? m.start() - 1 : m.start());
            out.append(escaped ? m.group() : known.getOrDefault(m.group(1), ""));
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    /** A value as written: {@code literal} when single-quoted (never expanded). */
    record Value(String text, boolean literal) {}

    /** The assignments in {@code file}; empty when it does not exist or cannot be read. */
    static Map<String, Value> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return assignments(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of(); // an unreadable optional file is treated like a missing one
        }
    }

    /** The assignments in {@code content}, in order; a later assignment of a key wins. */
    static Map<String, String> parse(String content) {
        Map<String, String> out = new LinkedHashMap<>();
        assignments(content).forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    private static Map<String, Value> assignments(String content) {
        Map<String, Value> out = new LinkedHashMap<>();
        Scanner s = new Scanner(content.startsWith("\uFEFF") ? content.substring(1) : content);
        while (!s.atEnd()) {
            s.skipBlanks();
            String line = s.peekRestOfLine();
            if (line.isEmpty() || line.startsWith("#")) {
                s.skipLine();
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                s.pos += "export".length();
                s.skipBlanks();
                line = s.peekRestOfLine();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                s.skipLine();
                continue;
            }
            s.pos += eq + 1;
            s.skipBlanks();
            String value = s.value();
            out.put(key, new Value(value, s.lastLiteral));
        }
        return out;
    }

    /** A cursor over the whole text, because double-quoted values may continue on later lines. */
    private static final class Scanner {
        private final String text;
        private int pos;
        private boolean lastLiteral; // the last value read was single-quoted

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipBlanks() {
            while (!atEnd() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        String peekRestOfLine() {
            return text.substring(pos, lineEnd()).stripTrailing();
        }

        void skipLine() {
            pos = Math.min(text.length(), lineEnd() + 1);
        }

        private int lineEnd() {
            int end = text.indexOf('\n', pos);
            return end < 0 ? text.length() : end;
        }

        /** Reads a value starting at the cursor and moves past its line. */
        String value() {
            lastLiteral = false;
            if (atEnd()) {
                return "";
            }
            char quote = text.charAt(pos);
            if (quote == '"' || quote == '\'') {
                int close = findClosing(quote);
                if (close >= 0) {
                    String raw = text.substring(pos + 1, close);
                    pos = close + 1;
                    skipLine();
                    lastLiteral = quote == '\'';
                    return quote == '"' ? unescape(raw) : raw;
                }
            }
            String raw = text.substring(pos, lineEnd());
            skipLine();
            int comment = raw.indexOf(" #");
            int tabComment = raw.indexOf("\t#");
            if (tabComment >= 0 && (comment < 0 || tabComment < comment)) {
                comment = tabComment;
            }
            return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
        }

        private int findClosing(char quote) {
            for (int i = pos + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    return i;
                } else if (c == '\n' && quote == '\'') {
                    return -1;
                }
            }
            return -1;
        }

        private static String unescape(String raw) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    char n = raw.charAt(++i);
                    out.append(switch (n) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else if (c != '\r') {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
