package dev.clawgate.config;

import java.nio.file.Path;

/** File-name handling shared by locating, including and reporting. */
final class ConfigFiles {

    private ConfigFiles() {}

    /** {@code raw} as a path: {@code ~/...} under the home directory, relative ones against {@code base}. */
    static Path resolve(String raw, Path base, Environment env) {
        Path path;
        if (raw.equals("~")) {
            path = env.home();
        } else if (raw.startsWith("~/")) {
            path = env.home().resolve(raw.substring(2));
        } else {
            path = base.resolve(raw);
        }
        return path.toAbsolutePath().normalize();
    }

    /**
     * How a file is named in messages: relative to the working directory when inside it, {@code ~/...}
     * when inside the home directory, else absolute.
     */
    static String display(Path file, Environment env) {
        Path absolute = file.toAbsolutePath().normalize();
        Path cwd = env.workingDirectory().toAbsolutePath().normalize();
        if (absolute.startsWith(cwd) && !absolute.equals(cwd)) {
            return cwd.relativize(absolute).toString();
        }
        Path home = env.home().toAbsolutePath().normalize();
        if (absolute.startsWith(home) && !absolute.equals(home)) {
            return "~/" + home.relativize(absolute);
        }
        return absolute.toString();
    }
}
