package dev.clawgate.agent.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HtmlTextTest {

    @Test
    void reducesMarkupToText() {
        String html = """
                <html><head><title>T</title><script type="x">var a = "<p>no</p>";</script></head>
                <BODY><DIV>First&nbsp;line</DIV><p>a < b &amp;&amp; c &gt; d</p><br/>
                <table><tr><td>x</td><td>y</td></tr></table><STYLE>p{}</STYLE><noscript>enable js</noscript>
                <p>&#65;&#x42;&bogus; &#0; &unknown</p></BODY></html>""";
        assertThat(HtmlText.toText(html)).isEqualTo("T\nFirst line\na < b && c > d\nx y\nAB&bogus; \uFFFD &unknown");
    }

    @Test
    void survivesBrokenMarkupInLinearTime() {
        assertThat(HtmlText.toText("<p>open <script>never closed")).isEqualTo("open");
        assertThat(HtmlText.toText("text <unfinished")).isEqualTo("text");
        assertThat(HtmlText.toText("<!-- unclosed comment")).isEmpty();
        String hostile = "<script>".repeat(200_000);
        assertThat(HtmlText.toText(hostile)).isEmpty();
        String many = "<b>x</b>".repeat(200_000);
        assertThat(HtmlText.toText(many)).hasSize(200_000);
    }

    @Test
    void putsBlocksOnLinesAndCollapsesSpaces() {
        assertThat(HtmlText.toText("<p>a   b</p>\n\n\n<p>\tc</p>")).isEqualTo("a b\nc");
    }
}
