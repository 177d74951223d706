package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Json5ReaderTest {

    private static JsonNode parse(String text) {
        return Json5Reader.read(text, "t.json5").root();
    }

    private static JsonNode value(String json5Value) {
        return parse("{v: " + json5Value + "}").get("v");
    }

    @Test
    void commentsAndTrailingCommas() {
        JsonNode root = parse("""
                // line comment
                {
                  /* block
                     comment */ a: 1, // after
                  b: [1, 2, 3,],
                }
                """);
        assertThat(root.get("a").intValue()).isEqualTo(1);
        assertThat(root.get("b")).hasSize(3);
    }

    @Test
    void unquotedKeysAreEcmaScriptIdentifiers() {
        JsonNode root = parse("{$id_x: 1, _y2: 2, café: 3, \u0436\u0443\u043A: 4, a\\u0062c: 5, 'single': 6, \"double\": 7}");
        assertThat(root.fieldNames()).toIterable()
                .containsExactly("$id_x", "_y2", "café", "жук", "abc", "single", "double");
    }

    @Test
    void singleQuotedStringsMayHoldDoubleQuotes() {
        assertThat(value("'say \"hi\"'").textValue()).isEqualTo("say \"hi\"");
        assertThat(value("\"it's\"").textValue()).isEqualTo("it's");
        assertThat(value("'it\\'s'").textValue()).isEqualTo("it's");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0xFF | 255",
        "0XfF | 255",
        "-0x10 | -16",
        "+0x10 | 16",
        "42 | 42",
        "+1 | 1",
        "-7 | -7",
        "0 | 0",
    })
    void integers(String literal, long expected) {
        JsonNode v = value(literal);
        assertThat(v.isIntegralNumber()).isTrue();
        assertThat(v.longValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ".5 | 0.5",
        "5. | 5.0",
        "-.5 | -0.5",
        "+.5 | 0.5",
        "1.5e3 | 1500.0",
        "2E-2 | 0.02",
        "1e+2 | 100.0",
        "0.25 | 0.25",
    })
    void decimals(String literal, double expected) {
        JsonNode v = value(literal);
        assertThat(v.isDouble()).isTrue();
        assertThat(v.doubleValue()).isEqualTo(expected);
    }

    @Test
    void infinityAndNaN() {
        assertThat(value("Infinity").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("+Infinity").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("-Infinity").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value("NaN").doubleValue()).isNaN();
        assertThat(value("-NaN").doubleValue()).isNaN();
    }

    @Test
    void bigIntegersKeepTheirValue() {
        assertThat(value("3000000000").longValue()).isEqualTo(3_000_000_000L);
        assertThat(value("123456789012345678901234567890").bigIntegerValue())
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void escapes() {
        assertThat(value("'\\x41\\v\\0\\u00e9\\t\\n\\r\\b\\f\\\\\\/\\q'").textValue())
                .isEqualTo("A\u000B\u0000é\t\n\r\b\f\\/q");
    }

    @Test
    void lineContinuationRemovesBackslashAndNewline() {
        assertThat(value("'line1 \\\nline2'").textValue()).isEqualTo("line1 line2");
        assertThat(value("'a\\\r\nb'").textValue()).isEqualTo("ab");
        assertThat(value("'a\\\u2028b'").textValue()).isEqualTo("ab");
    }

    @Test
    void json5WhitespaceIsAccepted() {
        JsonNode root = parse("\uFEFF{\u00A0a:\u20281,\u2029b:\u000B2\f}");
        assertThat(root.get("a").intValue()).isEqualTo(1);
        assertThat(root.get("b").intValue()).isEqualTo(2);
    }

    @Test
    void literalsAndNesting() {
        JsonNode root = parse("{t: true, f: false, n: null, o: {a: [{}, []]}}");
        assertThat(root.get("t").booleanValue()).isTrue();
        assertThat(root.get("f").booleanValue()).isFalse();
        assertThat(root.get("n").isNull()).isTrue();
        assertThat(root.at("/o/a/0").isObject()).isTrue();
    }

    @Test
    void positionsOfKeysAndValues() {
        Json5Document doc = Json5Reader.read("""
                {
                  models: {
                    providers: {
                      "my local": { models: [ { contextWindow: 8192 } ] },
                    },
                  },
                }
                """, "t.json5");
        assertThat(doc.valuePositions().get("models.providers[\"my local\"].models[0].contextWindow"))
                .isEqualTo(new SourcePosition("t.json5", 4, 48));
        assertThat(doc.keyPositions().get("models.providers[\"my local\"].models[0].contextWindow"))
                .isEqualTo(new SourcePosition("t.json5", 4, 33));
        assertThat(doc.keyPositions().get("models.providers[\"my local\"]"))
                .isEqualTo(new SourcePosition("t.json5", 4, 7));
        assertThat(doc.valuePositions().get("")).isEqualTo(new SourcePosition("t.json5", 1, 1));
    }

    @Test
    void crlfCountsAsOneLineBreak() {
        Json5Document doc = Json5Reader.read("{\r\n a: 1,\r\n\r\n b: 2}", "t.json5");
        assertThat(doc.valuePositions().get("b")).isEqualTo(new SourcePosition("t.json5", 4, 5));
    }

    @Test
    void duplicateKeysKeepTheLaterValueAndAreReported() {
        Json5Document doc = Json5Reader.read("{a: {x: 1}, a: 2}", "t.json5");
        assertThat(doc.root().get("a").intValue()).isEqualTo(2);
        assertThat(doc.duplicateKeys()).extracting(Json5Document.DuplicateKey::path).containsExactly("a");
        assertThat(doc.valuePositions()).doesNotContainKey("a.x");
    }

    private static Json5SyntaxException syntaxError(String text) {
        try {
            Json5Reader.read(text, "bad.json5");
        } catch (Json5SyntaxException e) {
            return e;
        }
        throw new AssertionError("expected a syntax error for: " + text);
    }

    @Test
    void hashCommentsAreRejected() {
        Json5SyntaxException e = syntaxError("{\n  # not json5\n  a: 1\n}");
        assertThat(e.getMessage()).startsWith("bad.json5:2:3: unexpected '#': JSON5 has no # comments, use // or /* */");
    }

    @Test
    void missingArrayElementIsRejected() {
        Json5SyntaxException e = syntaxError("{a: [1,,2]}");
        assertThat(e.getMessage()).startsWith("bad.json5:1:8: unexpected ',', expected a value");
    }

    @Test
    void leadingZerosAreRejected() {
        assertThat(syntaxError("{a: 007}").getMessage())
                .startsWith("bad.json5:1:5: leading zeros are not allowed in numbers");
        assertThat(syntaxError("{a: -01}").getMessage()).contains("leading zeros");
    }

    @Test
    void unexpectedBraceQuotesTheLine() {
        Json5SyntaxException e = syntaxError("{\n  models: {\n    mode: }\n}");
        assertThat(e.getMessage())
                .isEqualTo("bad.json5:3:11: unexpected '}', expected a value (line 3: mode: })");
        assertThat(e.toProblem().format()).isEqualTo(e.getMessage());
    }

    @Test
    void linesThatMayHoldASecretAreNotQuoted() {
        Json5SyntaxException e = syntaxError("{\n  apiKey: \"sk-secret-123\n}");
        assertThat(e.getMessage()).startsWith("bad.json5:2:25: line break inside a string")
                .doesNotContain("sk-secret-123");
        assertThat(e.hint()).isNull();
    }

    @Test
    void otherSyntaxErrors() {
        assertThat(syntaxError("").getMessage()).contains("1:1: the file is empty");
        assertThat(syntaxError("{a: 1").getMessage()).contains("1:6: unexpected end of input, expected ',' or '}'");
        assertThat(syntaxError("{a 1}").getMessage()).contains("1:4: unexpected '1', expected ':' after key 'a'");
        assertThat(syntaxError("{a: 1} x").getMessage()).contains("1:8: unexpected 'x' after the end");
        assertThat(syntaxError("{a: lmstudio}").getMessage())
                .contains("1:5: unexpected 'lmstudio', expected a value (strings must be quoted");
        assertThat(syntaxError("{a: 'x}").getMessage()).contains("1:5: unterminated string");
        assertThat(syntaxError("{a: 1 /* x").getMessage()).contains("1:7: unterminated /* comment");
        assertThat(syntaxError("{a: '\\1'}").getMessage()).contains("not allowed");
        assertThat(syntaxError("{a: 0x}").getMessage()).contains("expected a hexadecimal digit");
        assertThat(syntaxError("{a: 12abc}").getMessage()).contains("in a number");
        assertThat(syntaxError("{,}").getMessage()).contains("1:2: unexpected ',', expected a key or '}'");
        assertThatThrownBy(() -> Json5Reader.read("[1 2]", "x")).isInstanceOf(Json5SyntaxException.class)
                .hasMessageContaining("expected ',' or ']'");
        assertThat(syntaxError("{a: 1.2.3}").getMessage()).contains("in a number");
        assertThat(syntaxError("{a: Infinit}").getMessage()).contains("unexpected 'Infinit'");
    }
}
