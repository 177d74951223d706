package dev.clawgate.agent.tools.web;

import java.util.Map;
import java.util.Set;

/**
 * Reduces HTML to readable text: drops comments and the content of script, style and similar elements,
 * turns block elements into line breaks, strips every other tag, decodes common entities and collapses
 * whitespace. A single forward scan, so hostile markup cannot make it slow. Not a parser: good enough for
 * a model to read a page, not for rendering it.
 */
public final class HtmlText {

    private static final Set<String> DROPPED_WITH_CONTENT =
            Set.of("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "hr", "tr", "table", "section", "article",
            "header", "footer", "nav", "aside", "main", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "title", "figure", "figcaption", "details", "summary", "body");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("copy", "©"), Map.entry("reg", "®"),
            Map.entry("trade", "™"), Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("hellip", "…"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"),
            Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("bull", "•"), Map.entry("middot", "·"),
            Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("deg", "°"), Map.entry("times", "×"),
            Map.entry("eacute", "é"), Map.entry("egrave", "è"), Map.entry("agrave", "à"), Map.entry("aacute", "á"),
            Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"), Map.entry("szlig", "ß"),
            Map.entry("ccedil", "ç"), Map.entry("ntilde", "ñ"), Map.entry("oacute", "ó"), Map.entry("iacute", "í"),
            Map.entry("uacute", "ú"), Map.entry("Auml", "Ä"), Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"),
            Map.entry("Eacute", "É"));

    private HtmlText() {}

    public static String toText(String html) {
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 20));
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                int next = html.indexOf('<', i);
                int end = next < 0 ? n : next;
                out.append(decodeEntities(html.substring(i, end)));
                i = end;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int close = html.indexOf("-->", i + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            boolean closing = i + 1 < n && html.charAt(i + 1) == '/';
            int nameStart = i + (closing ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < n && isNameChar(html.charAt(nameEnd))) {
                nameEnd++;
            }
            boolean declaration = nameStart < n && (html.charAt(nameStart) == '!' || html.charAt(nameStart) == '?');
            if (nameEnd == nameStart && !declaration) {
                out.append('<'); // a lone "<" in text, as in "a < b"
                i++;
                continue;
            }
            int tagEnd = html.indexOf('>', nameEnd);
            if (tagEnd < 0) {
                break; // an unfinished tag at the end: drop it
            }
            String name = html.substring(nameStart, nameEnd).toLowerCase(java.util.Locale.ROOT);
            i = tagEnd + 1;
            if (!closing && DROPPED_WITH_CONTENT.contains(name) && html.charAt(tagEnd - 1) != '/') {
                int close = indexOfIgnoreCase(html, "</" + name, i);
                int closeEnd = close < 0 ? -1 : html.indexOf('>', close);
                i = closeEnd < 0 ? n : closeEnd + 1;
                continue;
            }
            if (name.equals("li")) {
                out.append(closing ? "\n" : "\n- ");
            } else if (name.equals("td") || name.equals("th")) {
                out.append(closing ? "" : " ");
            } else if (BLOCKS.contains(name)) {
                out.append('\n');
            }
        }
        return collapse(out.toString()).strip();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
    }

    /** Collapses runs of spaces inside lines and drops empty lines: one block, one line. */
    static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.replaceAll("[\\s\\u00A0]+", " ").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line);
        }
        return out.toString();
    }

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semicolon = c == '&' ? s.indexOf(';', i) : -1;
            if (semicolon < 0 || semicolon - i > 12) {
                out.append(c);
                i++;
                continue;
            }
            String entity = s.substring(i + 1, semicolon);
            String decoded = decodeEntity(entity);
            if (decoded == null) {
                out.append(c);
                i++;
            } else {
                out.append(decoded);
                i = semicolon + 1;
            }
        }
        return out.toString();
    }

    private static String decodeEntity(String entity) {
        if (entity.startsWith("#")) {
            try {
                boolean hex = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X');
                int codePoint = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
                if (codePoint <= 0 || !Character.isValidCodePoint(codePoint)
                        || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                    return "\uFFFD";
                }
                return new String(Character.toChars(codePoint));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(entity);
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int from) {
        int last = haystack.length() - needle.length();
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
