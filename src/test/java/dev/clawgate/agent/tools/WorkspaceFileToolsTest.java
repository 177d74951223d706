package dev.clawgate.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class WorkspaceFileToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    Path workspace;
    Path outside;
    ToolContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectory(temp.resolve("ws"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
        ctx = new ToolContext("main", "agent:main:main", workspace);
    }

    private static ObjectNode args(String... kv) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            node.put(kv[i], kv[i + 1]);
        }
        return node;
    }

    /** The file text inside a {@code read} result's untrusted-content wrapper. */
    static String fileText(ToolResult read) {
        assertThat(read.isError()).as(read.content()).isFalse();
        String c = read.content();
        assertThat(c).contains("Source: " + ReadFileTool.SOURCE);
        return c.substring(c.indexOf("\n---\n") + 5, c.lastIndexOf("\n<<<END_" + UntrustedContent.MARKER_NAME));
    }

    private ToolResult run(Tool tool, ObjectNode args) {
        try {
            return tool.execute(args, ctx);
        } catch (ToolInputException e) {
            return ToolResult.error(e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesReadsAndListsInsideTheWorkspace() throws Exception {
        ToolResult written = run(new WriteFileTool(), args("path", "notes/today.md", "content", "héllo\nworld"));
        assertThat(written.isError()).isFalse();
        assertThat(written.content()).isEqualTo("Wrote 12 bytes to notes/today.md.");
        assertThat(Files.readString(workspace.resolve("notes/today.md"))).isEqualTo("héllo\nworld");

        ToolResult read = run(new ReadFileTool(), args("path", "notes/today.md"));
        assertThat(fileText(read)).isEqualTo("héllo\nworld");

        Files.createDirectory(workspace.resolve("sub"));
        ToolResult listed = run(new ListDirectoryTool(), JSON.createObjectNode());
        assertThat(listed.content()).isEqualTo(".: 2 entries\nnotes/\nsub/");
        assertThat(run(new ListDirectoryTool(), args("path", "notes")).content())
                .isEqualTo("notes: 1 entry\ntoday.md (12 bytes)");
        assertThat(Files.list(workspace.resolve("notes")).toList()).hasSize(1); // no temp file left behind
    }

    @Test
    void overwritesAnExistingFile() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "old content that is longer");
        assertThat(run(new WriteFileTool(), args("path", "a.txt", "content", "new")).isError()).isFalse();
        assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("new");
    }

    @Test
    void refusesDotDotEscapes() {
        for (Tool tool : new Tool[] {new ReadFileTool(), new ListDirectoryTool()}) {
            ToolResult r = run(tool, args("path", "../outside/secret.txt"));
            assertThat(r.isError()).isTrue();
            assertThat(r.content()).contains("escapes the workspace");
        }
        ToolResult w = run(new WriteFileTool(), args("path", "a/../../outside/x.txt", "content", "x"));
        assertThat(w.isError()).isTrue();
        assertThat(w.content()).contains("escapes the workspace");
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void refusesAbsolutePathsOutsideButAcceptsOnesInside() throws Exception {
        ToolResult r = run(new ReadFileTool(), args("path", outside.resolve("secret.txt").toString()));
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("outside the workspace");
        assertThat(run(new ReadFileTool(), args("path", "/etc/passwd")).isError()).isTrue();
        ToolResult w = run(new WriteFileTool(), args("path", outside.resolve("y.txt").toString(), "content", "y"));
        assertThat(w.isError()).isTrue();
        assertThat(outside.resolve("y.txt")).doesNotExist();

        Files.writeString(workspace.resolve("in.txt"), "inside");
        assertThat(fileText(run(new ReadFileTool(), args("path", workspace.resolve("in.txt").toString()))))
                .isEqualTo("inside");
    }

    @Test
    void refusesToReadOrListThroughSymlinksThatLeaveTheWorkspace() throws Exception {
        Files.createSymbolicLink(workspace.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("linkdir"), outside);

        ToolResult viaFile = run(new ReadFileTool(), args("path", "link.txt"));
        assertThat(viaFile.isError()).isTrue();
        assertThat(viaFile.content()).contains("symbolic link").doesNotContain("TOP SECRET");
        assertThat(run(new ReadFileTool(), args("path", "linkdir/secret.txt")).content()).doesNotContain("TOP SECRET");
        assertThat(run(new ListDirectoryTool(), args("path", "linkdir")).isError()).isTrue();
        // Listing the workspace shows the links as links without following them.
        assertThat(run(new ListDirectoryTool(), JSON.createObjectNode()).content()).contains("link.txt@", "linkdir@");
    }

    @Test
    void allowsSymlinksThatStayInside() throws Exception {
        Files.writeString(workspace.resolve("real.txt"), "real");
        Files.createSymbolicLink(workspace.resolve("alias.txt"), workspace.resolve("real.txt"));
        assertThat(fileText(run(new ReadFileTool(), args("path", "alias.txt")))).isEqualTo("real");
    }

    @Test
    void refusesToWriteThroughSymlinks() throws Exception {
        Files.createSymbolicLink(workspace.resolve("linkdir"), outside);
        Files.createSymbolicLink(workspace.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("dangling.txt"), outside.resolve("new.txt"));

        ToolResult viaDir = run(new WriteFileTool(), args("path", "linkdir/evil.txt", "content", "x"));
        assertThat(viaDir.isError()).isTrue();
        assertThat(viaDir.content()).contains("symbolic link");
        ToolResult viaDeepDir = run(new WriteFileTool(), args("path", "linkdir/a/b/evil.txt", "content", "x"));
        assertThat(viaDeepDir.isError()).isTrue();
        ToolResult viaFile = run(new WriteFileTool(), args("path", "link.txt", "content", "x"));
        assertThat(viaFile.isError()).isTrue();
        ToolResult viaDangling = run(new WriteFileTool(), args("path", "dangling.txt", "content", "x"));
        assertThat(viaDangling.isError()).isTrue();

        assertThat(outside.resolve("evil.txt")).doesNotExist();
        assertThat(outside.resolve("a")).doesNotExist();
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("TOP SECRET");
    }

    @Test
    void capsReadsWithATruncationNoteAndKeepsUtf8Whole() throws Exception {
        // 'é' is two bytes; a cap of 5 falls inside the third 'é'.
        Files.writeString(workspace.resolve("big.txt"), "éééé");
        ToolResult r = run(new ReadFileTool(5), args("path", "big.txt"));
        assertThat(fileText(r)).isEqualTo("éé\n\n[truncated: showed the first 4 of 8 bytes of big.txt]");
    }

    @Test
    void refusesOversizedWritesBinaryReadsAndDirectoriesWithClearErrors() throws Exception {
        ToolResult tooBig = run(new WriteFileTool(4), args("path", "x.txt", "content", "12345"));
        assertThat(tooBig).isEqualTo(ToolResult.error("Refused: the content is 5 bytes; the limit is 4 bytes."));
        assertThat(workspace.resolve("x.txt")).doesNotExist();

        Files.write(workspace.resolve("blob.bin"), new byte[] {1, 0, 2});
        assertThat(run(new ReadFileTool(), args("path", "blob.bin")).content()).contains("binary");

        Files.createDirectory(workspace.resolve("dir"));
        assertThat(run(new ReadFileTool(), args("path", "dir")).content()).contains("is a directory");
        assertThat(run(new WriteFileTool(), args("path", "dir", "content", "x")).content()).contains("is a directory");
        assertThat(run(new ReadFileTool(), args("path", "missing.txt")).content())
                .isEqualTo("No such file or directory: missing.txt");
        assertThat(run(new ReadFileTool(), JSON.createObjectNode()).content())
                .isEqualTo("Missing required argument \"path\".");
        assertThat(run(new ReadFileTool(), args("path", "a\0b")).isError()).isTrue();
    }

    @Test
    void writeCapCountsBytesNotChars() {
        String text = "é".repeat(3); // 6 bytes
        assertThat(run(new WriteFileTool(5), args("path", "e.txt", "content", text)).isError()).isTrue();
        assertThat(run(new WriteFileTool(6), args("path", "e.txt", "content", text)).isError()).isFalse();
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(6);
    }
}
