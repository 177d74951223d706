package dev.clawgate.channel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown models write, turned into what each channel renders: Telegram's HTML subset, WhatsApp's own
 * marks ({@code *bold*}, {@code _italic_}, {@code ~strike~}). Code (fenced and inline) passes through
 * untouched but escaped. Anything it does not understand stays as text.
 */
public final class MarkdownFormat {

    private static final Pattern CODE = Pattern.compile("```([^\\n`]*)\\n?(.*?)```|`([^`\\n]+)`", Pattern.DOTALL);
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*(?!\\s)([^*\\n]+?)\\*(?![\\w*])"
            + "|(?<![\\w_])_(?!\\s)([^_\\n]+?)_(?![\\w_])");
    private static final Pattern STRIKE = Pattern.compile("~~(.+?)~~");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)\\]\\((https?://[^)\\s]+)\\)");

    private MarkdownFormat() {}

    /** Telegram {@code parse_mode: "HTML"}. */
    public static String toTelegramHtml(String markdown) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(markdown);
        int last = 0;
        while (code.find()) {
            out.append(telegramInline(markdown.substring(last, code.start())));
            if (code.group(3) != null) {
                out.append("<code>").append(escapeHtml(code.group(3))).append("</code>");
            } else {
                String lang = code.group(1).strip();
                String body = escapeHtml(code.group(2).replaceAll("\\n$", ""));
                out.append(lang.matches("[\\w+#-]+") ? "<pre><code class=\"language-" + lang + "\">" + body
                        + "</code></pre>" : "<pre>" + body + "</pre>");
            }
            last = code.end();
        }
        out.append(telegramInline(markdown.substring(last)));
        return out.toString();
    }

    /** WhatsApp's formatting marks. */
    public static String toWhatsApp(String markdown) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(markdown);
        int last = 0;
        while (code.find()) {
            out.append(whatsAppInline(markdown.substring(last, code.start())));
            out.append(code.group());
            last = code.end();
        }
        out.append(whatsAppInline(markdown.substring(last)));
        return out.toString();
    }

    private static String telegramInline(String text) {
        String s = escapeHtml(text);
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                "<a href=\"" + m.group(2).replace("\"", "&quot;") + "\">" + m.group(1) + "</a>"));
        s = HEADING.matcher(s).replaceAll("<b>$1</b>");
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<b>" + first(m) + "</b>"));
        s = ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<i>" + first(m) + "</i>"));
        return STRIKE.matcher(s).replaceAll("<s>$1</s>");
    }

    private static String whatsAppInline(String s) {
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
        s = HEADING.matcher(s).replaceAll("\u0001$1\u0001");
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\u0001" + first(m) + "\u0001"));
        s = ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("_" + first(m) + "_"));
        s = STRIKE.matcher(s).replaceAll("~$1~");
        return s.replace('\u0001', '*');
    }

    private static String first(java.util.regex.MatchResult m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
