package dev.clawgate.agent.tools;

import dev.clawgate.config.AgentsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the file tools may touch inside the workspace, beyond the confinement that always holds
 * ({@link WorkspacePaths}). Both rules are on by default; an agent's {@code tools.fs} config lifts them.
 *
 * <ul>
 *   <li>A regular file with more than one hard link is not read: a link planted in the workspace can point
 *       at any file of the same file system, and unlike a symbolic link it has no target to check.
 *       {@code tools.fs.allowHardLinks: true} lifts this for a workspace that uses hard links on purpose.
 *   <li>The agent does not write its own bootstrap files ({@link #BOOTSTRAP_FILES}, read into every future
 *       prompt) or anything under a {@code .git} directory (hooks, and the config that can name other hooks
 *       or commands git runs): a prompt injection must not make itself permanent or reach the user's shell.
 *       {@code tools.fs.allowProtectedWrites: true} lifts this.
 * </ul>
 */
public record FileAccess(boolean allowHardLinks, boolean allowProtectedWrites) {

    public static final FileAccess DEFAULT = new FileAccess(false, false);

    /** The workspace files read into the agent's system prompt. */
    public static final List<String> BOOTSTRAP_FILES = List.of("AGENTS.md", "SOUL.md", "USER.md", "TOOLS.md");

    /** The rules an agent's {@code tools.fs} section sets; absent keys keep the defaults. */
    public static FileAccess of(AgentsConfig.Fs fs) {
        if (fs == null) {
            return DEFAULT;
        }
        return new FileAccess(Boolean.TRUE.equals(fs.allowHardLinks()), Boolean.TRUE.equals(fs.allowProtectedWrites()));
    }

    /**
     * Why a write to {@code relative} (a path inside the workspace, relative to it) is refused, or null when
     * it is allowed. Names are compared ignoring case, as case-insensitive file systems do.
     */
    String writeRefusal(Path relative, String shown) {
        if (allowProtectedWrites) {
            return null;
        }
        String lift = " The user can allow it with tools.fs.allowProtectedWrites: true in the agent's config.";
        for (Path part : relative) {
            if (part.toString().equalsIgnoreCase(".git")) {
                return "Refused: " + shown + " is inside .git, which is protected: git runs its hooks and the "
                        + "commands its config names, so a write there could run code on the user's machine." + lift;
            }
        }
        if (relative.getNameCount() == 1) {
            String name = relative.toString().toUpperCase(Locale.ROOT);
            for (String bootstrap : BOOTSTRAP_FILES) {
                if (bootstrap.toUpperCase(Locale.ROOT).equals(name)) {
                    return "Refused: " + shown + " is protected: it is read into the agent's system prompt, so a "
                            + "change would persist into every future conversation." + lift;
                }
            }
        }
        return null;
    }
}
