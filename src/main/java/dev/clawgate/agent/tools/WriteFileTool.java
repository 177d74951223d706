package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code write}: creates or replaces a UTF-8 text file in the workspace, creating missing parent
 * directories. The content goes to a temporary file beside the target which is then renamed over it: a
 * rename replaces the directory entry and never follows a link, and a reader never sees half a file (nor a
 * file hard-linked elsewhere: the rename replaces the link, not the file it shares). The agent's bootstrap
 * files and {@code .git} are protected unless {@code tools.fs.allowProtectedWrites} (see {@link FileAccess}).
 */
public final class WriteFileTool implements Tool {

    public static final String NAME = "write";
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private final int maxBytes;

    public WriteFileTool() {
        this(DEFAULT_MAX_BYTES);
    }

    public WriteFileTool(int maxBytes) {
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
        return "Create or overwrite a text file in the workspace (UTF-8, at most " + maxBytes
                + " bytes). Paths are relative to the workspace; missing directories are created.";
    }

    @Override
    public JsonNode parametersSchema() {
        return JsonSchemas.stringProperty(
                JsonSchemas.stringProperty(JsonSchemas.object(), "path", "File path relative to the workspace", true),
                "content", "The complete new content of the file", true);
    }

    @Override
    public ToolResult execute(JsonNode args, ToolContext ctx) throws Exception {
        String userPath = ToolArgs.requireString(args, "path");
        String content = ToolArgs.requireString(args, "content");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new ToolInputException("Refused: the content is " + bytes.length + " bytes; the limit is "
                    + maxBytes + " bytes.");
        }
        WorkspacePaths paths = new WorkspacePaths(ctx.workspace());
        Path target = paths.resolveForWrite(userPath);
        String refusal = paths.writeRefusal(target, userPath, ctx.fileAccess());
        if (refusal != null) {
            throw new ToolInputException(refusal);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // createDirectories follows links; re-check now that every parent exists.
        if (!parent.toRealPath().startsWith(paths.root())) {
            throw new ToolInputException("Refused: " + userPath + " would be written outside the workspace.");
        }
        Path temp = Files.createTempFile(parent, ".clawgate-write-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                out.write(bytes);
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return ToolResult.ok("Wrote " + bytes.length + " bytes to " + paths.display(target) + ".");
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
