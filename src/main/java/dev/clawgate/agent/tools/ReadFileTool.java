package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code read}: a UTF-8 text file from the workspace, capped, with a note when it was cut. The text comes
 * back wrapped as {@link UntrustedContent} (like a fetched web page): a workspace holds files from anywhere
 * (clones, downloads, mail attachments), and what they say is data, not the user's instructions. A file with
 * more than one hard link is refused unless {@code tools.fs.allowHardLinks} (see {@link FileAccess}).
 */
public final class ReadFileTool implements Tool {

    public static final String NAME = "read";
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    private static final int BINARY_SNIFF_BYTES = 8192;
    /** The {@code Source:} line of the wrapped content. */
    public static final String SOURCE = "Workspace File";

    private final int maxBytes;

    public ReadFileTool() {
        this(DEFAULT_MAX_BYTES);
    }

    public ReadFileTool(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Read a text file from the workspace. Paths are relative to the workspace. Files longer than "
                + maxBytes + " bytes are cut off with a note.";
    }

    @Override
    public JsonNode parametersSchema() {
        return JsonSchemas.stringProperty(JsonSchemas.object(), "path",
                "File path relative to the workspace", true);
    }

    @Override
    public ToolResult execute(JsonNode args, ToolContext ctx) throws Exception {
        String userPath = ToolArgs.requireString(args, "path");
        WorkspacePaths paths = new WorkspacePaths(ctx.workspace());
        Path file = paths.resolveExisting(userPath);
        if (Files.isDirectory(file)) {
            throw new ToolInputException(userPath + " is a directory; use the list tool.");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolInputException(userPath + " is not a regular file.");
        }
        if (!ctx.fileAccess().allowHardLinks()) {
            paths.requireSingleLink(file, userPath);
        }
        long size = Files.size(file);
        byte[] head;
        // NOFOLLOW: the path is already real; a link swapped in since must fail, not be followed.
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(maxBytes + 1);
        }
        boolean truncated = head.length > maxBytes;
        int length = truncated ? utf8Boundary(head, maxBytes) : head.length;
        if (looksBinary(head, length)) {
            return ToolResult.error(userPath + " looks like a binary file (" + size + " bytes); not shown.");
        }
        String text = decode(head, length);
        if (truncated) {
            text += "\n\n[truncated: showed the first " + length + " of " + size + " bytes of "
                    + paths.display(file) + "]";
        }
        return ToolResult.ok(UntrustedContent.wrap(text, SOURCE, paths.display(file), true));
    }

    /** Backs off so a multi-byte UTF-8 character is not cut in half. */
    private static int utf8Boundary(byte[] bytes, int limit) {
        int end = limit;
        int backed = 0;
        while (end > 0 && backed < 3 && (bytes[end] & 0xC0) == 0x80) {
            end--;
            backed++;
        }
        return end;
    }

    private static boolean looksBinary(byte[] bytes, int length) {
        int n = Math.min(length, BINARY_SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: show it anyway, with replacement characters, rather than refuse a legacy text file.
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }
}
