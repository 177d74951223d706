package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code list}: the entries of one workspace directory, sorted, directories marked with {@code /} and links
 * with {@code @}. Entries are described without following links, so a link's target is never revealed.
 */
public final class ListDirectoryTool implements Tool {

    public static final String NAME = "list";
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    private final int maxEntries;

    public ListDirectoryTool() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public ListDirectoryTool(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "List the files and directories in a workspace directory (default: the workspace itself).";
    }

    @Override
    public JsonNode parametersSchema() {
        return JsonSchemas.stringProperty(JsonSchemas.object(), "path",
                "Directory path relative to the workspace; defaults to \".\"", false);
    }

    @Override
    public ToolResult execute(JsonNode args, ToolContext ctx) throws Exception {
        String userPath = ToolArgs.optionalString(args, "path", ".");
        WorkspacePaths paths = new WorkspacePaths(ctx.workspace());
        Path dir = paths.resolveExisting(userPath);
        if (!Files.isDirectory(dir)) {
            throw new ToolInputException(userPath + " is not a directory; use the read tool.");
        }
        List<String> lines = new ArrayList<>();
        int total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                total++;
                if (lines.size() < maxEntries) {
                    lines.add(describe(entry));
                }
            }
        }
        lines.sort(String::compareTo);
        StringBuilder out = new StringBuilder();
        out.append(paths.display(dir)).append(": ").append(total).append(total == 1 ? " entry" : " entries");
        for (String line : lines) {
            out.append('\n').append(line);
        }
        if (total > lines.size()) {
            out.append("\n[truncated: listed ").append(lines.size()).append(" of ").append(total).append(" entries]");
        }
        return ToolResult.ok(out.toString());
    }

    private static String describe(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            return name + "@";
        }
        if (attrs.isDirectory()) {
            return name + "/";
        }
        return name + " (" + attrs.size() + " bytes)";
    }
}
