package dev.clawgate.agent.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Confines model-supplied paths to one workspace directory.
 *
 * <p>A path is resolved against the workspace and normalised, so {@code ..} cannot climb out; an absolute
 * path is accepted only when it already lies inside. Symbolic links are then checked by their real
 * target: for reads the real path of the target itself, for writes the real path of the nearest existing
 * parent (the file may not exist yet), and a write never goes through a link as its last component. The
 * file tools open files with {@code NOFOLLOW_LINKS} on top, so a link swapped in after the check fails the
 * open instead of being followed.
 *
 * <p>What remains is a race on an intermediate directory being replaced by a link between check and
 * open. The built-in tools cannot create links, so only another process sharing the workspace could try.
 */
public final class WorkspacePaths {

    private final Path root;
    private final Path declaredRoot;

    /** @param workspace an existing directory; it is resolved to its real path once, here */
    public WorkspacePaths(Path workspace) throws IOException {
        this.root = workspace.toRealPath();
        this.declaredRoot = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException("workspace is not a directory: " + workspace);
        }
    }

    public Path root() {
        return root;
    }

    /** The real path of an existing file or directory inside the workspace. */
    public Path resolveExisting(String userPath) throws ToolInputException {
        Path candidate = lexical(userPath);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ToolInputException("No such file or directory: " + userPath);
        } catch (IOException e) {
            throw new ToolInputException("Cannot access " + userPath + ": " + e.getClass().getSimpleName());
        }
        if (!real.startsWith(root)) {
            throw new ToolInputException("Refused: " + userPath + " resolves (through a symbolic link) to a "
                    + "location outside the workspace.");
        }
        return real;
    }

    /**
     * Where a write to {@code userPath} may go: inside the workspace, not a link itself, and under a parent
     * whose real path is inside the workspace. Missing parent directories are allowed (the caller creates
     * them); the returned path is rebased onto the real path of the nearest existing parent.
     */
    public Path resolveForWrite(String userPath) throws ToolInputException {
        Path candidate = lexical(userPath);
        if (candidate.equals(root)) {
            throw new ToolInputException("Refused: cannot write to the workspace directory itself.");
        }
        if (Files.isSymbolicLink(candidate)) {
            throw new ToolInputException("Refused: " + userPath + " is a symbolic link; writes never follow links.");
        }
        if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolInputException("Refused: " + userPath + " is a directory.");
        }
        Path existingParent = candidate.getParent();
        while (existingParent != null && !Files.exists(existingParent, LinkOption.NOFOLLOW_LINKS)) {
            existingParent = existingParent.getParent();
        }
        if (existingParent == null) {
            throw new ToolInputException("Refused: " + userPath + " has no existing parent directory.");
        }
        Path realParent;
        try {
            realParent = existingParent.toRealPath();
        } catch (IOException e) {
            throw new ToolInputException("Cannot access the parent of " + userPath + ": " + e.getClass().getSimpleName());
        }
        if (!realParent.startsWith(root)) {
            throw new ToolInputException("Refused: " + userPath + " would be written through a symbolic link "
                    + "to a location outside the workspace.");
        }
        if (!Files.isDirectory(realParent)) {
            throw new ToolInputException("Refused: a parent of " + userPath + " is not a directory.");
        }
        return realParent.resolve(existingParent.relativize(candidate));
    }

    /**
     * Refuses a regular file with more than one hard link (see {@link FileAccess}). File systems without
     * link counts (Windows through this API) are not checked.
     */
    public void requireSingleLink(Path real, String userPath) throws ToolInputException {
        Object links;
        try {
            links = Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return;
        }
        if (links instanceof Integer n && n > 1 && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolInputException("Refused: " + userPath + " has " + n + " hard links. A hard link can "
                    + "point at a file outside the workspace, so files with more than one link are not read. The "
                    + "user can allow it with tools.fs.allowHardLinks: true in the agent's config.");
        }
    }

    /** Why a write to {@code target} (inside the workspace) is refused by {@code access}, or null. */
    public String writeRefusal(Path target, String userPath, FileAccess access) {
        return access.writeRefusal(root.relativize(target), userPath);
    }

    /** Shows a path relative to the workspace, the way the model should refer to it. */
    public String display(Path inside) {
        Path relative = root.relativize(inside);
        String s = relative.toString();
        return s.isEmpty() ? "." : s;
    }

    private Path lexical(String userPath) throws ToolInputException {
        if (userPath == null || userPath.isBlank()) {
            throw new ToolInputException("The path is empty.");
        }
        if (userPath.indexOf('\0') >= 0) {
            throw new ToolInputException("The path contains a NUL character.");
        }
        Path given;
        try {
            given = Path.of(userPath);
        } catch (InvalidPathException e) {
            throw new ToolInputException("Invalid path: " + e.getReason());
        }
        Path candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (given.isAbsolute() && !candidate.startsWith(root) && candidate.startsWith(declaredRoot)) {
            // The model may quote the workspace as configured (say /tmp/ws where /tmp is a link).
            candidate = root.resolve(declaredRoot.relativize(candidate));
        }
        if (!candidate.startsWith(root)) {
            throw new ToolInputException(given.isAbsolute()
                    ? "Refused: " + userPath + " is outside the workspace. Use a path relative to the workspace."
                    : "Refused: " + userPath + " escapes the workspace.");
        }
        return candidate;
    }
}
